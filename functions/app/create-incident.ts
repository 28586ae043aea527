import { newIncident, type CreateIncident, type Incident } from '../domain/incident.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { Clock, IdSource, IncidentStore } from './ports.ts';

/** A supervisor (or above) opens an incident: many complaints, one cause. */
export const createIncident = async (
  deps: { incidents: IncidentStore; clock: Clock; ids: IdSource },
  body: CreateIncident,
  principal: StaffPrincipal,
): Promise<Incident> => {
  const now = deps.clock.now();
  const incident = newIncident(deps.ids.newId(now), body, principal.subject, now);
  await deps.incidents.create(incident);
  return incident;
};
