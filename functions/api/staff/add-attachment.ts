import { announceAttachment } from '../../app/announce-attachment.ts';
import { complaintIdSchema } from '../../domain/complaint.ts';
import { wallClock } from '../../adapters/clock.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { evidenceStorage } from '../../adapters/evidence-storage.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { announcementResponse, MAX_DECLARATION_BYTES, parseDeclaration } from '../attachments/responses.ts';
import { httpHandler } from '../http/middleware.ts';
import { requireCaseAccess, requireStaff } from '../http/staff-auth.ts';
import { caseNotFound } from './case-not-found.ts';

/** POST /v1/staff/complaints/{id}/attachments — staff add evidence to a case (same form as customers get). */
export const handler = httpHandler({ jsonBody: { maxBytes: MAX_DECLARATION_BYTES } }, async (event) => {
  const principal = requireStaff(event);
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw caseNotFound();
  const complaint = await complaintStore.get(id.data);
  if (!complaint) throw caseNotFound();
  requireCaseAccess(principal, complaint);
  const declaration = parseDeclaration(event.body);
  const result = await announceAttachment(
    { store: complaintStore, policy: policySource, storage: evidenceStorage, wallClock },
    complaint.id,
    declaration,
    { kind: 'staff', id: principal.subject, ...(principal.email ? { name: principal.email } : {}) },
  );
  return announcementResponse(result, caseNotFound);
});
