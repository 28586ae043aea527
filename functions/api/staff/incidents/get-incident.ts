import { incidentIdSchema } from '../../../domain/incident.ts';
import { incidentView } from '../../../domain/incident-view.ts';
import { readIncident } from '../../../app/read-incidents.ts';
import { complaintSummaries } from '../../../adapters/complaint-repository.ts';
import { incidentStore } from '../../../adapters/incident-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { incidentNotFound } from './incident-problems.ts';

/** GET /v1/staff/incidents/{id} — an incident with its linked complaints and their states. */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const id = incidentIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw incidentNotFound();
  const found = await readIncident({ incidents: incidentStore, summaries: complaintSummaries }, id.data);
  if (!found) throw incidentNotFound();
  return jsonResponse(200, incidentView(found.incident, found.linked, principal));
});
