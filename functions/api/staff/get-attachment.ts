import { attachmentDownload } from '../../app/attachment-download.ts';
import { complaintIdSchema } from '../../domain/complaint.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { evidenceStorage } from '../../adapters/evidence-storage.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { attachmentIdSchema, downloadResponse, malwareScanOn } from '../attachments/responses.ts';
import { httpHandler } from '../http/middleware.ts';
import { requireCaseAccess, requireStaff } from '../http/staff-auth.ts';
import { caseNotFound } from './case-not-found.ts';
import { recordAccessOrRefuse } from './record-access.ts';

/** GET /v1/staff/complaints/{id}/attachments/{attachmentId} — `{ url }`, a download link valid for minutes. */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw caseNotFound();
  const complaint = await complaintStore.get(id.data);
  if (!complaint) throw caseNotFound();
  requireCaseAccess(principal, complaint);
  const attachmentId = attachmentIdSchema.safeParse(event.pathParameters?.attachmentId);
  const result = attachmentId.success
    ? await attachmentDownload(
        { policy: policySource, storage: evidenceStorage, malwareScan: malwareScanOn() },
        complaint,
        attachmentId.data,
        'staff',
      )
    : ({ kind: 'not-found' } as const);
  // Only a link actually handed over is a download to record.
  if (attachmentId.success && result.kind === 'link')
    await recordAccessOrRefuse(principal, {
      kind: 'attachment-download',
      complaintId: complaint.id,
      attachmentId: attachmentId.data,
    });
  return downloadResponse(result);
});
