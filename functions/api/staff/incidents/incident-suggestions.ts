import { complaintIdSchema } from '../../../domain/complaint.ts';
import { incidentSummaryView } from '../../../domain/incident-view.ts';
import { suggestIncidents } from '../../../app/read-incidents.ts';
import { complaintStore } from '../../../adapters/complaint-store.ts';
import { incidentStore } from '../../../adapters/incident-repository.ts';
import { policySource } from '../../../adapters/policy-source.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse } from '../../http/problem.ts';
import { requireCaseAccess, requireStaff } from '../../http/staff-auth.ts';
import { caseNotFound } from '../get-case.ts';

/**
 * GET /v1/staff/complaints/{id}/incident-suggestions — open or suggested incidents this complaint
 * resembles (same product, or same category and a shared keyword), for the case page to offer.
 */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw caseNotFound();
  const complaint = await complaintStore.get(id.data);
  if (!complaint) throw caseNotFound();
  requireCaseAccess(principal, complaint);
  const suggestions =
    (await suggestIncidents(
      { store: complaintStore, incidents: incidentStore, policy: policySource },
      id.data,
    )) ?? [];
  return jsonResponse(200, { suggestions: suggestions.map(incidentSummaryView) });
});
