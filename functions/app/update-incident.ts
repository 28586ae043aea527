import type { Incident } from '../domain/incident.ts';
import type { Clock, IncidentStore } from './ports.ts';
import { retry } from './retry.ts';

class IncidentChanged extends Error {
  override name = 'IncidentChanged';
}

const UPDATE_RETRY = { attempts: 20, baseDelayMs: 20, maxDelayMs: 500, withinMs: 5000 };

/**
 * Reads the incident, decides the changes, saves them if nobody changed it meanwhile (else reads and
 * decides again). Undefined when the incident does not exist; the incident unchanged when `decide`
 * answers nothing.
 */
export const updateIncident = (
  deps: { incidents: IncidentStore; clock: Clock },
  id: string,
  decide: (incident: Incident, now: Date) => Partial<Incident> | undefined,
): Promise<Incident | undefined> =>
  retry(
    UPDATE_RETRY,
    (error) => error instanceof IncidentChanged,
    async () => {
      const incident = await deps.incidents.get(id);
      if (!incident) return undefined;
      const now = deps.clock.now();
      const changes = decide(incident, now);
      if (!changes) return incident;
      if ((await deps.incidents.save(incident, changes, now)) === 'conflict')
        throw new IncidentChanged(`Incident ${id} changed while deciding`);
      return { ...incident, ...changes, version: incident.version + 1, updatedAt: now.toISOString() };
    },
  );
