import { complaintIdSchema } from '../../domain/complaint.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse } from '../http/problem.ts';
import { caseNotFound } from './case-not-found.ts';
import { requireCaseAccess, requireStaff } from '../http/staff-auth.ts';
import { caseResponse } from './case-response.ts';
import { recordAccessOrRefuse } from './record-access.ts';

export { caseNotFound } from './case-not-found.ts';

/**
 * GET /v1/staff/complaints/{id} — the case: complaint, thread, timeline, notes, SLA clocks, repeats,
 * the customer's other complaints.
 */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw caseNotFound();
  const complaint = await complaintStore.get(id.data);
  if (!complaint) throw caseNotFound();
  // Whoever logged a complaint may follow it to its case, whichever department triage routed it to.
  if (complaint.loggedBy?.id !== principal.subject) requireCaseAccess(principal, complaint);
  await recordAccessOrRefuse(principal, { kind: 'case-read', complaintId: complaint.id });
  return jsonResponse(200, await caseResponse(complaint, principal));
});
