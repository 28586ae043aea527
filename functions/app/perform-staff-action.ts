import type { Complaint } from '../domain/complaint.ts';
import { decideStaffAction, type StaffAction, type StaffActionOutcome } from '../domain/staff-actions.ts';
import { caseAccess } from '../domain/assists.ts';
import { ASSISTING_DEPARTMENT_ACTIONS } from '../domain/staff-action-rights.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { ComplaintStore, PolicySource, StaffDirectory, WorkflowSignals } from './ports.ts';

export type PerformedStaffAction =
  | { kind: 'not-found' }
  | { kind: 'other-department' }
  | Exclude<StaffActionOutcome, { kind: 'applied' }>
  | { kind: 'applied'; complaint: Complaint };

/**
 * One staff action on a case, checked against the transition table and the caller's rights, saved,
 * and signalled to the workflow when it ends, pauses or resumes a stage or queues mail. An assignee
 * is looked up in the staff directory first: the domain refuses one who is not there or works for
 * another department.
 */
export const performStaffAction = async (
  deps: { store: ComplaintStore; signals: WorkflowSignals; policy: PolicySource; directory: StaffDirectory },
  complaintId: string,
  action: StaffAction,
  principal: StaffPrincipal,
): Promise<PerformedStaffAction> => {
  const existing = await deps.store.get(complaintId);
  if (!existing) return { kind: 'not-found' };
  // A department asked to help on the case may answer its assist there, nothing else.
  const access = caseAccess(principal, existing);
  if (access === 'none' || (access === 'assisting' && !ASSISTING_DEPARTMENT_ACTIONS.includes(action.type)))
    return { kind: 'other-department' };
  const { policy, calendar } = deps.policy.current();
  // Read before the conditional write (no I/O inside it): the domain checks the member it is given.
  const lookedUp =
    action.type === 'assign'
      ? {
          assignee: await deps.directory.find(action.assignee),
          assigner: await deps.directory.find(principal.subject),
        }
      : action.type === 'resolve' && action.correctiveAction
        ? { correctiveActionOwner: await deps.directory.find(action.correctiveAction.owner) }
        : action.type === 'answer-assist'
          ? { answerer: await deps.directory.find(principal.subject) }
          : {};
  const actor = { kind: 'staff' as const, id: principal.subject, role: principal.roles.join(',') };
  const { complaint, result } = await deps.store.mutate<StaffActionOutcome>(
    complaintId,
    actor,
    (current, at, newId) => {
      const decided = decideStaffAction(policy, calendar, current, action, principal, newId(), at, lookedUp);
      return decided.kind === 'applied'
        ? { decision: decided.decision, result: decided }
        : { result: decided };
    },
  );
  if (result.kind !== 'applied') return result;
  if (result.signalWorkflow) await deps.signals.signal(complaint);
  return { kind: 'applied', complaint };
};
