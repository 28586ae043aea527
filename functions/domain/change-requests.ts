import type { RequestedChange } from './audit-event.ts';
import type { Complaint, PendingChange } from './complaint.ts';
import type { StaffAction } from './staff-action-schema.ts';
import { isSupervisor, type StaffPrincipal } from './staff.ts';
import { SEVERITIES, URGENCIES, type Severity, type Urgency } from './vocabulary.ts';

/**
 * Changes an agent may only ask for (issue 15): a lower grade shortens nobody's deadline but
 * lengthens the customer's wait, and rejecting an L1/L2 complaint ends a major case unheard, so both
 * wait on the complaint (`pendingChange`) until a supervisor approves or declines them. Raising a
 * grade stays the agent's own call.
 */

type Reclassify = Extract<StaffAction, { type: 'reclassify' }>;
type Reject = Extract<StaffAction, { type: 'reject' }>;

/** Whether a new grade is lower than the current one in severity or urgency (lists run highest first). */
export const lowersGrade = (
  complaint: Pick<Complaint, 'severity' | 'urgency'>,
  grade: { severity: Severity; urgency: Urgency },
): boolean =>
  (complaint.severity !== undefined &&
    SEVERITIES.indexOf(grade.severity) > SEVERITIES.indexOf(complaint.severity)) ||
  (complaint.urgency !== undefined &&
    URGENCIES.indexOf(grade.urgency) > URGENCIES.indexOf(complaint.urgency));

/** What this action asks for when its author may not make it alone; undefined when they may. */
export const changeRequestOf = (
  complaint: Complaint,
  action: Reclassify | Reject,
  principal: StaffPrincipal,
): RequestedChange | undefined => {
  if (isSupervisor(principal)) return undefined;
  if (action.type === 'reclassify') {
    if (!lowersGrade(complaint, action)) return undefined;
    const { category, severity, urgency, reason } = action;
    return { kind: 'regrade', category, severity, urgency, reason };
  }
  if (complaint.severity !== 'L1' && complaint.severity !== 'L2') return undefined;
  return { kind: 'reject', reason: action.reason, note: action.note };
};

/** Whether an agent's rejection of this complaint would only be a request. */
export const rejectionNeedsApproval = (complaint: Pick<Complaint, 'severity'>, principal: StaffPrincipal) =>
  !isSupervisor(principal) && (complaint.severity === 'L1' || complaint.severity === 'L2');

/** Why a new request cannot be stored now, or undefined: one pending change at a time. */
export const changeRequestRefusal = (complaint: Pick<Complaint, 'pendingChange'>): string | undefined =>
  complaint.pendingChange &&
  `a ${complaint.pendingChange.kind} requested by ${complaint.pendingChange.requestedBy} is waiting for a supervisor: it must be approved or declined before another change is requested`;

export const pendingChangeOf = (requested: RequestedChange, by: string, at: string): PendingChange => ({
  ...requested,
  requestedBy: by,
  requestedAt: at,
});

/** The values asked for, without who asked and when (as the change events record them). */
export const requestedChangeOf = (pending: PendingChange): RequestedChange => {
  const { requestedBy: _by, requestedAt: _at, ...requested } = pending;
  return requested;
};

/** The action a supervisor takes by approving the pending change: the one the agent asked for. */
export const actionOfChange = (pending: PendingChange, expectedVersion: number): Reclassify | Reject =>
  pending.kind === 'regrade'
    ? {
        type: 'reclassify',
        expectedVersion,
        category: pending.category,
        severity: pending.severity,
        urgency: pending.urgency,
        reason: pending.reason,
      }
    : { type: 'reject', expectedVersion, reason: pending.reason, note: pending.note };
