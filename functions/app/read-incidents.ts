import type { Incident } from '../domain/incident.ts';
import { resemblesIncident } from '../domain/incident.ts';
import type { LinkedComplaintSummary } from '../domain/incident-view.ts';
import type { ComplaintStore, IncidentStore, PolicySource } from './ports.ts';

/** Incidents listed at most (the newest): a handful a month, so this is months of them. */
export const INCIDENT_LIST_LIMIT = 200;

/** Reads summaries of complaints by id, at most 100 per call (a BatchGet). */
export type ComplaintSummaries = (ids: readonly string[]) => Promise<LinkedComplaintSummary[]>;

/** An incident with its linked complaints' states, read 100 at a time. */
export const readIncident = async (
  deps: { incidents: IncidentStore; summaries: ComplaintSummaries },
  id: string,
): Promise<{ incident: Incident; linked: LinkedComplaintSummary[] } | undefined> => {
  const incident = await deps.incidents.get(id);
  if (!incident) return undefined;
  const linked: LinkedComplaintSummary[] = [];
  for (let start = 0; start < incident.complaintIds.length; start += 100) {
    linked.push(...(await deps.summaries(incident.complaintIds.slice(start, start + 100))));
  }
  return { incident, linked };
};

export const listIncidents = (deps: { incidents: IncidentStore }): Promise<Incident[]> =>
  deps.incidents.list(INCIDENT_LIST_LIMIT);

/**
 * The open or suggested incidents a complaint resembles (domain/incident.ts resemblesIncident), for
 * the case page to offer linking. Reads the newest incidents (one Query), never the complaints.
 */
export const suggestIncidents = async (
  deps: { store: ComplaintStore; incidents: IncidentStore; policy: PolicySource },
  complaintId: string,
): Promise<Incident[] | undefined> => {
  const complaint = await deps.store.get(complaintId);
  if (!complaint) return undefined;
  const { suggestionWindowDays } = deps.policy.current().policy.incidents;
  const incidents = await deps.incidents.list(INCIDENT_LIST_LIMIT);
  return incidents.filter((incident) => resemblesIncident(incident, complaint, suggestionWindowDays));
};
