import { createIncidentSchema } from '../../../domain/incident.ts';
import { incidentView } from '../../../domain/incident-view.ts';
import { toFieldErrors } from '../../../domain/field-errors.ts';
import { createIncident } from '../../../app/create-incident.ts';
import { clock } from '../../../adapters/clock.ts';
import { newId } from '../../../adapters/events.ts';
import { incidentStore } from '../../../adapters/incident-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse, problems } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { requireIncidentManager } from './incident-problems.ts';

/** POST /v1/staff/incidents — a supervisor (or above) opens an incident: many complaints, one cause. */
export const handler = httpHandler({ jsonBody: { maxBytes: 32 * 1024 } }, async (event) => {
  const principal = requireStaff(event);
  requireIncidentManager(principal);
  const parsed = createIncidentSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const incident = await createIncident(
    { incidents: incidentStore, clock, ids: { newId } },
    parsed.data,
    principal,
  );
  return jsonResponse(201, incidentView(incident, [], principal));
});
