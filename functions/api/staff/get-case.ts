import { complaintIdSchema } from '../../domain/complaint.ts';
import { caseDetail } from '../../domain/staff-view.ts';
import { now } from '../../adapters/clock.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { httpHandler } from '../http/middleware.ts';
import { HttpProblem, jsonResponse } from '../http/problem.ts';
import { requireDepartmentAccess, requireStaff } from '../http/staff-auth.ts';

export const caseNotFound = () =>
  new HttpProblem({
    type: '/problems/not-found',
    title: 'Not found',
    status: 404,
    detail: 'No complaint has this id.',
  });

/** GET /v1/staff/complaints/{id} — the case: complaint, timeline, notes, SLA clocks, repeats. */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw caseNotFound();
  const [complaint, events] = await Promise.all([
    complaintStore.get(id.data),
    complaintStore.events(id.data),
  ]);
  if (!complaint) throw caseNotFound();
  requireDepartmentAccess(principal, complaint.department);
  return jsonResponse(200, caseDetail(complaint, events, principal, now()));
});
