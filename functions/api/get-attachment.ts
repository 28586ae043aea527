import { attachmentDownload } from '../app/attachment-download.ts';
import { evidenceStorage } from '../adapters/evidence-storage.ts';
import { policySource } from '../adapters/policy-source.ts';
import { attachmentIdSchema, downloadResponse, malwareScanOn } from './attachments/responses.ts';
import { httpHandler } from './http/middleware.ts';
import { trackedComplaint } from './tracking-access.ts';

/**
 * GET /v1/complaints/{id}/attachments/{attachmentId} — a short-lived download link to one of the
 * complainant's own files (tracking token in `x-tracking-token`).
 */
export const handler = httpHandler(async (event) => {
  const complaint = await trackedComplaint(event);
  const attachmentId = attachmentIdSchema.safeParse(event.pathParameters?.attachmentId);
  const result = attachmentId.success
    ? await attachmentDownload(
        { policy: policySource, storage: evidenceStorage, malwareScan: malwareScanOn() },
        complaint,
        attachmentId.data,
        'customer',
      )
    : ({ kind: 'not-found' } as const);
  return downloadResponse(result);
});
