import { incidentActionSchema, incidentIdSchema } from '../../../domain/incident.ts';
import { incidentView } from '../../../domain/incident-view.ts';
import { toFieldErrors } from '../../../domain/field-errors.ts';
import { performIncidentAction } from '../../../app/perform-incident-action.ts';
import { readIncident } from '../../../app/read-incidents.ts';
import { complaintSummaries } from '../../../adapters/complaint-repository.ts';
import { logger } from '../../../adapters/logger.ts';
import { httpHandler } from '../../http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { incidentActionDeps } from './incident-deps.ts';
import { incidentNotFound, requireIncidentManager } from './incident-problems.ts';

/**
 * POST /v1/staff/incidents/{id}/actions — link, unlink, notify-customers, resolve or close. What each
 * did per complaint (done, skipped with the reason) is in the answer beside the incident.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: 64 * 1024 } }, async (event) => {
  const principal = requireStaff(event);
  requireIncidentManager(principal);
  const id = incidentIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw incidentNotFound();
  const parsed = incidentActionSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const outcome = await performIncidentAction(incidentActionDeps, id.data, parsed.data, principal);
  if (outcome.kind === 'not-found') throw incidentNotFound();
  if (outcome.kind === 'illegal-transition') {
    throw new HttpProblem({
      type: '/problems/illegal-transition',
      title: 'Action not allowed in this status',
      status: 422,
      detail: `An incident that is ${outcome.status} does not allow ${parsed.data.type}.`,
    });
  }
  logger.info('Incident action', { incidentId: id.data, action: parsed.data.type });
  const found = await readIncident(
    { incidents: incidentActionDeps.incidents, summaries: complaintSummaries },
    id.data,
  );
  if (!found) throw incidentNotFound();
  const { kind: _kind, ...result } = outcome;
  return jsonResponse(200, { incident: incidentView(found.incident, found.linked, principal), ...result });
});
