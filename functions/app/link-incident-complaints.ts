import { linkRefusal, type Incident } from '../domain/incident.ts';
import { canAccessDepartment, type StaffPrincipal } from '../domain/staff.ts';
import type { Clock, ComplaintStore, IncidentStore, PolicySource } from './ports.ts';
import { updateIncident } from './update-incident.ts';

export interface LinkOutcome {
  /** Complaints now linked (or unlinked), those that already were included. */
  done: string[];
  skipped: { complaintId: string; reason: string }[];
}

type Deps = { store: ComplaintStore; incidents: IncidentStore; policy: PolicySource; clock: Clock };

const actorOf = (principal: StaffPrincipal) => ({
  kind: 'staff' as const,
  id: principal.subject,
  role: principal.roles.join(','),
});

/**
 * Links complaints to an incident: each complaint first (it records `incidentId` with an audit
 * event, refused when linked elsewhere or outside the caller's departments), then the incident's
 * list. A crash in between leaves a complaint that names the incident but is not in its list; linking
 * it again repairs that. A suggested incident is open once it has complaints.
 */
export const linkIncidentComplaints = async (
  deps: Deps,
  incident: Incident,
  complaintIds: readonly string[],
  principal: StaffPrincipal,
): Promise<LinkOutcome> => {
  const max = deps.policy.current().policy.incidents.maxLinkedComplaints;
  const outcome: LinkOutcome = { done: [], skipped: [] };
  // The list as it will be: the bound counts the complaints linked by this request too.
  const linked = new Set(incident.complaintIds);
  for (const complaintId of new Set(complaintIds)) {
    const existing = await deps.store.get(complaintId);
    if (!existing) {
      outcome.skipped.push({ complaintId, reason: 'no complaint has this id' });
      continue;
    }
    if (!canAccessDepartment(principal, existing.department)) {
      outcome.skipped.push({ complaintId, reason: 'the complaint belongs to another department' });
      continue;
    }
    const counted = { id: incident.id, complaintIds: [...linked] };
    const { result } = await deps.store.mutate<string | undefined>(
      complaintId,
      actorOf(principal),
      (current) => {
        const refusal = linkRefusal(counted, current, max);
        if (refusal) return { result: refusal };
        if (current.incidentId === incident.id) return { result: undefined };
        return {
          decision: {
            changes: { incidentId: incident.id },
            events: [
              { type: 'incident.linked', customerVisible: false, details: { incidentId: incident.id } },
            ],
          },
          result: undefined,
        };
      },
    );
    if (result) {
      outcome.skipped.push({ complaintId, reason: result });
      continue;
    }
    outcome.done.push(complaintId);
    linked.add(complaintId);
  }
  if (outcome.done.length > 0) {
    await updateIncident(deps, incident.id, (current) => {
      const ids = [...new Set([...current.complaintIds, ...outcome.done])];
      if (ids.length === current.complaintIds.length && current.status !== 'suggested') return undefined;
      return { complaintIds: ids, status: current.status === 'suggested' ? 'open' : current.status };
    });
  }
  return outcome;
};

/** Unlinks complaints: each complaint forgets the incident (audit event), then the incident's list. */
export const unlinkIncidentComplaints = async (
  deps: Deps,
  incident: Incident,
  complaintIds: readonly string[],
  principal: StaffPrincipal,
): Promise<LinkOutcome> => {
  const outcome: LinkOutcome = { done: [], skipped: [] };
  for (const complaintId of new Set(complaintIds)) {
    const existing = await deps.store.get(complaintId);
    if (!existing) {
      // Not a complaint (any more): only the incident's list names it.
      if (incident.complaintIds.includes(complaintId)) outcome.done.push(complaintId);
      else outcome.skipped.push({ complaintId, reason: 'no complaint has this id' });
      continue;
    }
    if (!canAccessDepartment(principal, existing.department)) {
      outcome.skipped.push({ complaintId, reason: 'the complaint belongs to another department' });
      continue;
    }
    await deps.store.mutate(complaintId, actorOf(principal), (current) => ({
      decision:
        current.incidentId === incident.id
          ? {
              changes: { incidentId: undefined },
              events: [
                { type: 'incident.unlinked', customerVisible: false, details: { incidentId: incident.id } },
              ],
            }
          : undefined,
      result: undefined,
    }));
    outcome.done.push(complaintId);
  }
  if (outcome.done.length > 0) {
    await updateIncident(deps, incident.id, (current) => ({
      complaintIds: current.complaintIds.filter((id) => !outcome.done.includes(id)),
    }));
  }
  return outcome;
};
