import { requireSetting } from './config.ts';
import { issueTrackingToken } from './tracking-token.ts';

/** The public web pages' origin (PUBLIC_WEB_URL) without a trailing slash: every link to them starts so. */
export const publicWebBase = (): string => requireSetting('PUBLIC_WEB_URL').replace(/\/+$/u, '');

/**
 * The customer's tracking link, as put in every email to them: the web tracking page (web/track),
 * with the token of the complaint's current generation (domain/tracking-access.ts) in the fragment,
 * which browsers never send to a server: it stays out of CDN and access logs and Referer headers.
 * The page sends it to the API in the `x-tracking-token` header; the API takes none from a query.
 */
export const trackingLink = async (complaintId: string, generation = 0): Promise<string> => {
  const base = publicWebBase();
  const token = encodeURIComponent(await issueTrackingToken(complaintId, generation));
  return `${base}/track/?id=${encodeURIComponent(complaintId)}#token=${token}`;
};
