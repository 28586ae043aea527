import type { DataRequestLinks } from '../app/data-request-ports.ts';
import { publicWebBase } from './tracking-link.ts';
import { issueConfirmToken, issueDownloadToken } from './data-request-token.ts';

const pageUrl = (action: 'confirm' | 'download', token: string): string => {
  const base = publicWebBase();
  // The token rides in the fragment, as on the tracking link: never sent to a server or a log.
  return `${base}/privacy/?${action}#t=${encodeURIComponent(token)}`;
};

/** Links to the personal-data page (web/privacy), which confirms a request or opens an export. */
export const dataRequestLinks: DataRequestLinks = {
  confirmation: async (request, expiresAt) => pageUrl('confirm', await issueConfirmToken(request, expiresAt)),
  download: async (requestId, expiresAt) =>
    pageUrl('download', await issueDownloadToken(requestId, expiresAt)),
};
