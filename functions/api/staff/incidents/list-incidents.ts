import { incidentSummaryView } from '../../../domain/incident-view.ts';
import { listIncidents } from '../../../app/read-incidents.ts';
import { incidentStore } from '../../../adapters/incident-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';

/** GET /v1/staff/incidents — the newest incidents (one Query of their partition). */
export const handler = httpHandler(async (event) => {
  requireStaff(event);
  const incidents = await listIncidents({ incidents: incidentStore });
  return jsonResponse(200, { incidents: incidents.map(incidentSummaryView) });
});
