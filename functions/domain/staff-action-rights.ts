import { mayApprove, resolutionPossible } from './approvals.ts';
import { changeRequestRefusal, rejectionNeedsApproval } from './change-requests.ts';
import type { Complaint } from './complaint.ts';
import type { StaffActionType } from './staff-action-schema.ts';
import { blockingAssists, caseAccess, openAssists } from './assists.ts';
import {
  canAccessDepartment,
  isSupervisor,
  SUPERVISOR_ROLES,
  type StaffPrincipal,
  type StaffRole,
} from './staff.ts';
import type { ComplaintStatus } from './vocabulary.ts';

const OPEN: readonly ComplaintStatus[] = [
  'received',
  'accepted',
  'assigned',
  'investigating',
  'awaiting-customer',
  'solution-proposed',
];
const ENDED: readonly ComplaintStatus[] = ['resolved', 'closed', 'rejected'];
const SUPERVISORS = SUPERVISOR_ROLES;
const ANY_STAFF: readonly StaffRole[] = ['agent', ...SUPERVISORS];
const REJECTABLE: readonly ComplaintStatus[] = ['received', 'accepted', 'assigned'];

/** The transition table: from which statuses each action is allowed, and for which roles. */
export const TRANSITIONS: Record<
  StaffActionType,
  { from: readonly ComplaintStatus[]; roles: readonly StaffRole[] }
> = {
  assign: { from: OPEN, roles: ANY_STAFF },
  accept: { from: ['received'], roles: ANY_STAFF },
  reject: { from: REJECTABLE, roles: ANY_STAFF },
  reclassify: { from: OPEN, roles: ANY_STAFF },
  'add-note': { from: [...OPEN, ...ENDED], roles: ANY_STAFF },
  'contact-customer': { from: ['received', 'accepted', 'assigned', 'investigating'], roles: ANY_STAFF },
  'request-info': { from: ['accepted', 'assigned', 'investigating'], roles: ANY_STAFF },
  // From solution-proposed too: a different offer than the one proposed needs a new proposal.
  'propose-resolution': { from: ['investigating', 'solution-proposed'], roles: ANY_STAFF },
  'approve-proposal': { from: ['solution-proposed'], roles: SUPERVISORS },
  'decline-proposal': { from: ['solution-proposed'], roles: SUPERVISORS },
  resolve: { from: ['investigating', 'solution-proposed'], roles: ANY_STAFF },
  reopen: { from: ['resolved', 'closed'], roles: SUPERVISORS },
  close: { from: ['resolved'], roles: ANY_STAFF },
  // A leaked link must be stoppable whatever the complaint's status.
  'revoke-tracking-token': { from: [...OPEN, ...ENDED], roles: SUPERVISORS },
  // Approving applies the requested reclassify or reject, so only while the complaint is open.
  'approve-change': { from: OPEN, roles: SUPERVISORS },
  // A request left behind by a complaint that ended can still be cleared.
  'decline-change': { from: [...OPEN, ...ENDED], roles: SUPERVISORS },
  // Help is asked once the case is accepted; answering and cancelling while it is open.
  'request-assist': { from: OPEN.filter((status) => status !== 'received'), roles: ANY_STAFF },
  'answer-assist': { from: OPEN, roles: ANY_STAFF },
  'cancel-assist': { from: OPEN, roles: ANY_STAFF },
  escalate: { from: OPEN, roles: ANY_STAFF },
  // Work on the cause goes on after the case ends; the domain checks owner or supervisor.
  'update-corrective-action': { from: [...OPEN, ...ENDED], roles: ANY_STAFF },
};

/** Actions a member of an assisting department (not the lead) may take on the case: only answering. */
export const ASSISTING_DEPARTMENT_ACTIONS: readonly StaffActionType[] = ['answer-assist'];

/** Actions the transition table allows from a status, whoever asks (see allowedActionsFor). */
export const allowedActions = (status: ComplaintStatus): StaffActionType[] =>
  (Object.keys(TRANSITIONS) as StaffActionType[]).filter((type) => TRANSITIONS[type].from.includes(status));

export const hasRoleFor = (principal: StaffPrincipal, type: StaffActionType): boolean =>
  principal.roles.some((role) => TRANSITIONS[type].roles.includes(role));

/**
 * Whether the action's preconditions that do not depend on its fields hold for this caller now
 * (the domain checks them again, with the fields, when the action comes).
 */
const preconditionsMet = (
  complaint: Complaint,
  type: StaffActionType,
  principal: StaffPrincipal,
): boolean => {
  const { proposal, pendingChange } = complaint;
  switch (type) {
    case 'approve-proposal':
      return (
        proposal?.approval === 'pending' &&
        proposal.by !== principal.subject &&
        mayApprove(principal, proposal.approverRole ?? 'supervisor')
      );
    case 'decline-proposal':
      return proposal?.approval === 'pending' && proposal.by !== principal.subject;
    case 'approve-change':
      return (
        pendingChange !== undefined &&
        pendingChange.requestedBy !== principal.subject &&
        TRANSITIONS[pendingChange.kind === 'regrade' ? 'reclassify' : 'reject'].from.includes(
          complaint.status,
        )
      );
    case 'decline-change':
      return pendingChange !== undefined && pendingChange.requestedBy !== principal.subject;
    case 'resolve':
      // An open required assist blocks resolution; a supervisor may override it with a reason.
      return (
        resolutionPossible(complaint) && (blockingAssists(complaint).length === 0 || isSupervisor(principal))
      );
    case 'answer-assist':
      return openAssists(complaint).some((assist) => canAccessDepartment(principal, assist.department));
    case 'cancel-assist':
      return openAssists(complaint).length > 0 && canAccessDepartment(principal, complaint.department);
    case 'escalate':
      // Three levels at most (policy.ts); the domain checks the policy's own number.
      return (
        complaint.sla !== undefined &&
        complaint.sla.escalationLevel < 3 &&
        !(complaint.sla.firstResponse.completedAt && complaint.sla.resolution.completedAt)
      );
    case 'update-corrective-action': {
      const action = complaint.correctiveAction;
      return (
        action !== undefined &&
        action.status !== 'done' &&
        (action.owner === principal.subject || isSupervisor(principal))
      );
    }
    case 'reject':
      return !rejectionNeedsApproval(complaint, principal) || !changeRequestRefusal(complaint);
    default:
      return true;
  }
};

/**
 * What this caller may do to this complaint now: the status allows it, their role may, and its
 * preconditions hold (a pending proposal they did not write and may approve, a pending change they
 * did not ask for, a resolution the approval rules let through). The console shows these buttons;
 * a 422 answer lists them.
 */
export const allowedActionsFor = (complaint: Complaint, principal: StaffPrincipal): StaffActionType[] => {
  const assisting = caseAccess(principal, complaint) === 'assisting';
  return allowedActions(complaint.status).filter(
    (type) =>
      (!assisting || ASSISTING_DEPARTMENT_ACTIONS.includes(type)) &&
      hasRoleFor(principal, type) &&
      preconditionsMet(complaint, type, principal),
  );
};
