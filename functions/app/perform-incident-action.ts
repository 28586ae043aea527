import { incidentActionAllowed, type Incident, type IncidentAction } from '../domain/incident.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import { linkIncidentComplaints, unlinkIncidentComplaints } from './link-incident-complaints.ts';
import { notifyIncidentCustomers, type NotifyDeps } from './notify-incident-customers.ts';
import type { Clock, IncidentStore, StaffDirectory, WorkflowSignals } from './ports.ts';
import { resolveIncident } from './resolve-incident.ts';
import { updateIncident } from './update-incident.ts';

export type IncidentActionDeps = NotifyDeps & {
  incidents: IncidentStore;
  signals: WorkflowSignals;
  directory: StaffDirectory;
  clock: Clock;
};

export type PerformedIncidentAction =
  | { kind: 'not-found' }
  | { kind: 'illegal-transition'; status: Incident['status'] }
  | {
      kind: 'applied';
      done?: string[];
      skipped?: { complaintId: string; reason: string }[];
      queued?: number;
      withoutEmail?: number;
    };

/** One action on an incident (supervisors and above; the handler checks the role). */
export const performIncidentAction = async (
  deps: IncidentActionDeps,
  incidentId: string,
  action: IncidentAction,
  principal: StaffPrincipal,
): Promise<PerformedIncidentAction> => {
  const incident = await deps.incidents.get(incidentId);
  if (!incident) return { kind: 'not-found' };
  if (!incidentActionAllowed(incident, action.type))
    return { kind: 'illegal-transition', status: incident.status };
  switch (action.type) {
    case 'link':
      return {
        kind: 'applied',
        ...(await linkIncidentComplaints(deps, incident, action.complaintIds, principal)),
      };
    case 'unlink':
      return {
        kind: 'applied',
        ...(await unlinkIncidentComplaints(deps, incident, action.complaintIds, principal)),
      };
    case 'notify-customers': {
      const notice = await notifyIncidentCustomers(deps, incident, action, principal);
      return { kind: 'applied', queued: notice.queued, withoutEmail: notice.withoutEmail };
    }
    case 'resolve': {
      const resolved = await resolveIncident(deps, incident, action, principal);
      return {
        kind: 'applied',
        done: resolved?.resolution?.resolved ?? [],
        skipped: resolved?.resolution?.skipped ?? [],
      };
    }
    case 'close':
      await updateIncident(deps, incident.id, (current) =>
        current.status === 'closed' ? undefined : { status: 'closed' },
      );
      return { kind: 'applied' };
  }
};
