import type { DataExportLinks } from '../domain/data-subject-request.ts';
import type { DataExportStorage, DataRequestStore } from './data-request-ports.ts';
import type { Clock, EvidenceStorage, IdSource } from './ports.ts';

/** How long the links handed out on opening the mailed link work: long enough to start the downloads. */
export const DOWNLOAD_LINK_SECONDS = 15 * 60;

/**
 * The customer opened the mailed export link (its token checked and unexpired): fresh download links
 * to the export and to each of their files, valid for minutes, so the bytes go from storage to the
 * browser and a link signed by a function's short-lived credentials still works days after the export
 * was made. Audited. Undefined when there is no fulfilled export behind the link.
 */
export const openDataExport = async (
  deps: {
    requests: DataRequestStore;
    exports: DataExportStorage;
    /** The customer's files: links as the attachment downloads sign them. */
    evidence: Pick<EvidenceStorage, 'downloadUrl'>;
    clock: Clock;
    ids: IdSource;
  },
  requestId: string,
): Promise<DataExportLinks | undefined> => {
  const request = await deps.requests.get(requestId);
  if (request?.kind !== 'export' || request.status !== 'fulfilled' || !request.export) return undefined;
  const now = deps.clock.now();
  const exported = request.export;
  const links: DataExportLinks = {
    expiresAt: new Date(now.getTime() + DOWNLOAD_LINK_SECONDS * 1000).toISOString(),
    document: {
      fileName: `personal-data-${request.id}.json`,
      url: await deps.exports.downloadUrl(exported.key, 'application/json', DOWNLOAD_LINK_SECONDS),
    },
    files: await Promise.all(
      exported.fileKeys.map(async ({ key, ...file }) => ({
        ...file,
        url: await deps.evidence.downloadUrl(key, file.fileName, file.contentType, DOWNLOAD_LINK_SECONDS),
      })),
    ),
  };
  await deps.requests.record({
    requestId: request.id,
    eventId: deps.ids.newId(now),
    at: now.toISOString(),
    type: 'data-request.downloaded',
    actor: { kind: 'customer' },
    status: request.status,
    details: { files: exported.fileKeys.length },
  });
  return links;
};
