import type { IncidentAction, IncidentResolution, Incident } from '../domain/incident.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import { performStaffAction } from './perform-staff-action.ts';
import type {
  Clock,
  ComplaintStore,
  IncidentStore,
  PolicySource,
  StaffDirectory,
  WorkflowSignals,
} from './ports.ts';
import { updateIncident } from './update-incident.ts';

type Deps = {
  store: ComplaintStore;
  signals: WorkflowSignals;
  policy: PolicySource;
  directory: StaffDirectory;
  incidents: IncidentStore;
  clock: Clock;
};

const ENDED = new Set(['resolved', 'closed', 'rejected']);

/**
 * Resolves an incident and, unless told not to, each linked complaint not yet ended with the same
 * remedy: through the staff `resolve` action with its rules (transitions, department, approvals),
 * one complaint after another, so each gets its own result notice and survey from its workflow. A
 * complaint the rules refuse (an L1/L2 without an approved proposal, one not yet investigated) is
 * reported as skipped with the reason, never forced.
 */
export const resolveIncident = async (
  deps: Deps,
  incident: Incident,
  action: Extract<IncidentAction, { type: 'resolve' }>,
  principal: StaffPrincipal,
): Promise<Incident | undefined> => {
  const resolved: string[] = [];
  const skipped: { complaintId: string; reason: string }[] = [];
  for (const complaintId of action.resolveComplaints ? incident.complaintIds : []) {
    const complaint = await deps.store.get(complaintId);
    if (!complaint || complaint.incidentId !== incident.id) continue;
    if (ENDED.has(complaint.status)) {
      skipped.push({ complaintId, reason: `already ${complaint.status}` });
      continue;
    }
    const outcome = await performStaffAction(
      deps,
      complaintId,
      {
        type: 'resolve',
        expectedVersion: complaint.version,
        outcome: 'resolved',
        summary: action.summary,
        remedy: action.remedy,
        amount: action.amount,
        rootCause: action.rootCause,
      },
      principal,
    );
    if (outcome.kind === 'applied') resolved.push(complaintId);
    else skipped.push({ complaintId, reason: refusalReason(outcome) });
  }
  const resolution: IncidentResolution = {
    outcome: 'resolved',
    summary: action.summary,
    remedy: action.remedy,
    amount: action.amount,
    rootCause: action.rootCause,
    by: principal.subject,
    at: deps.clock.now().toISOString(),
    resolved,
    skipped,
  };
  return updateIncident(deps, incident.id, (current) =>
    current.status === 'open' ? { status: 'resolved', resolution } : undefined,
  );
};

const refusalReason = (
  outcome: Exclude<Awaited<ReturnType<typeof performStaffAction>>, { kind: 'applied' }>,
) => {
  switch (outcome.kind) {
    case 'not-found':
      return 'no complaint has this id';
    case 'other-department':
      return 'the complaint belongs to another department';
    case 'stale-version':
      return 'the complaint changed meanwhile; resolve it on its page';
    case 'illegal-transition':
      return `a complaint that is ${outcome.status} cannot be resolved`;
    case 'precondition-failed':
    case 'forbidden':
      return outcome.reason;
  }
};
