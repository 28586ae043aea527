import type { EventDraft } from './audit-event.ts';
import { approverRoleFor, mayApprove, requiredApprover, resolutionRefusal } from './approvals.ts';
import type { BusinessCalendar } from './calendar.ts';
import {
  actionOfChange,
  changeRequestOf,
  changeRequestRefusal,
  pendingChangeOf,
  requestedChangeOf,
} from './change-requests.ts';
import {
  assistRequestedMail,
  assistRequestRefusal,
  blockingAssists,
  cancelOpenAssists,
  newAssist,
  withAssist,
} from './assists.ts';
import { queueCustomerNotice, type Complaint } from './complaint.ts';
import { openCorrectiveAction, rootCauseProblem, updateCorrectiveAction } from './corrective-actions.ts';
import { decideReopen, reopenWindowOver } from './follow-up.ts';
import {
  decideAwaitCustomer,
  decideFirstContact,
  decideManualEscalation,
  decideResolution,
  type Decision,
} from './lifecycle.ts';
import type { Policy } from './policy.ts';
import { regradeClocks } from './sla.ts';
import { allowedActionsFor, hasRoleFor, TRANSITIONS } from './staff-action-rights.ts';
import type { StaffAction, StaffActionType } from './staff-action-schema.ts';
import { assigneeProblem, type StaffMember } from './staff-directory.ts';
import { canAccessDepartment, isSupervisor, type StaffPrincipal } from './staff.ts';
import { trackingTokenGeneration } from './tracking-access.ts';
import { priorityFor } from './triage.ts';
import type { ComplaintStatus } from './vocabulary.ts';

// The action's body and the rights table live beside this file; their importers read them here.
export { staffActionSchema, type StaffAction, type StaffActionType } from './staff-action-schema.ts';
export { allowedActions, allowedActionsFor, TRANSITIONS } from './staff-action-rights.ts';

export type StaffActionOutcome =
  | { kind: 'applied'; decision: Decision; signalWorkflow: boolean }
  | { kind: 'stale-version'; currentVersion: number }
  | { kind: 'illegal-transition'; status: ComplaintStatus; allowed: StaffActionType[] }
  | { kind: 'forbidden'; reason: string }
  | { kind: 'precondition-failed'; reason: string };

const change = (complaint: Complaint, after: Partial<Complaint>): NonNullable<EventDraft['changes']> =>
  Object.fromEntries(
    Object.entries(after)
      .filter(
        ([field, value]) => JSON.stringify(complaint[field as keyof Complaint]) !== JSON.stringify(value),
      )
      .map(([field, value]) => [
        field,
        { before: complaint[field as keyof Complaint] ?? null, after: value ?? null },
      ]),
  );

const simple = (
  complaint: Complaint,
  changes: Partial<Complaint>,
  /** The event, without its field changes: they are computed here from `changes`. */
  event: EventDraft,
  signalWorkflow = false,
): StaffActionOutcome => ({
  kind: 'applied',
  decision: { changes, events: [{ ...event, changes: change(complaint, changes) }] },
  signalWorkflow,
});

/**
 * Decides what a staff action does to a complaint: checks the version, the transition table and the
 * role, then returns the change and its audit events. Pure; the caller saves and signals.
 */
export const decideStaffAction = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  action: StaffAction,
  principal: StaffPrincipal,
  /** The id of a mail this action may queue. */
  messageId: string,
  now: Date,
  /**
   * What the use case looked up for the action: the directory entries of an `assign`'s assignee and
   * caller, of a resolution's corrective action owner, and of an assist's answerer.
   */
  lookedUp: {
    assignee?: StaffMember | undefined;
    assigner?: StaffMember | undefined;
    correctiveActionOwner?: StaffMember | undefined;
    /** The caller's own entry, for an `answer-assist` (their name is kept with the answer). */
    answerer?: StaffMember | undefined;
  } = {},
): StaffActionOutcome => {
  if (action.expectedVersion !== complaint.version)
    return { kind: 'stale-version', currentVersion: complaint.version };
  const rule = TRANSITIONS[action.type];
  if (!rule.from.includes(complaint.status)) {
    return {
      kind: 'illegal-transition',
      status: complaint.status,
      allowed: allowedActionsFor(complaint, principal),
    };
  }
  if (!hasRoleFor(principal, action.type)) {
    return { kind: 'forbidden', reason: `${action.type} needs one of the roles ${rule.roles.join(', ')}` };
  }
  const by = principal.subject;
  const at = now.toISOString();

  switch (action.type) {
    case 'assign': {
      if (!isSupervisor(principal) && action.assignee !== by) {
        return { kind: 'forbidden', reason: 'agents may only assign complaints to themselves' };
      }
      const problem = assigneeProblem(action.assignee, lookedUp.assignee, complaint);
      if (problem) return { kind: 'precondition-failed', reason: problem };
      const status =
        complaint.status === 'received' || complaint.status === 'accepted' ? 'assigned' : complaint.status;
      // The assignee hears of it, unless they took the case themselves or already had it; the
      // workflow mails it when the signal wakes it.
      const notify = action.assignee !== by && action.assignee !== complaint.assignee;
      const notice = {
        id: messageId,
        kind: 'assigned' as const,
        assignee: action.assignee,
        assignedBy: lookedUp.assigner?.name ?? by,
        createdAt: at,
      };
      const member = lookedUp.assignee!;
      return simple(
        complaint,
        {
          assignee: action.assignee,
          assigneeContact: { name: member.name, email: member.email },
          status,
          ...(notify ? { outbox: [...(complaint.outbox ?? []), notice] } : {}),
        },
        { type: 'complaint.assigned', customerVisible: false },
        notify,
      );
    }
    case 'accept':
      return simple(complaint, { status: 'accepted' }, { type: 'complaint.accepted', customerVisible: true });
    case 'reject': {
      const requested = changeRequestOf(complaint, action, principal);
      if (requested) return requestChange(complaint, requested, by, at);
      const sla = complaint.sla && decideResolution(complaint, now)?.changes.sla;
      return simple(
        complaint,
        {
          status: 'rejected',
          rejection: { reason: action.reason, note: action.note, at },
          ...(sla ? { sla } : {}),
          ...cancelledWithCase(complaint, by, at),
          // The customer is told; the workflow mails it when the signal wakes it.
          outbox: queueCustomerNotice(complaint, { id: messageId, kind: 'rejection-notice', createdAt: at }),
        },
        { type: 'complaint.rejected', customerVisible: true, details: { reason: action.reason } },
        true,
      );
    }
    case 'reclassify': {
      const requested = changeRequestOf(complaint, action, principal);
      if (requested) return requestChange(complaint, requested, by, at);
      const { priority } = priorityFor(policy, action.severity, action.urgency, complaint.tier);
      const department = policy.categories[action.category]?.department ?? complaint.department;
      const sla =
        complaint.sla &&
        regradeClocks(policy, calendar, complaint.sla, {
          severity: action.severity,
          category: action.category,
          channel: complaint.channel,
          tier: complaint.tier,
        });
      const finalGrade = {
        category: action.category,
        severity: action.severity,
        urgency: action.urgency,
        priority,
        reason: action.reason,
        by,
        at,
      };
      return simple(
        complaint,
        {
          category: action.category,
          severity: action.severity,
          urgency: action.urgency,
          priority,
          department,
          finalGrade,
          ...(sla ? { sla } : {}),
        },
        { type: 'complaint.reclassified', customerVisible: false, details: { reason: action.reason } },
        true,
      );
    }
    case 'add-note':
      return {
        kind: 'applied',
        decision: {
          changes: {},
          events: [{ type: 'note.added', customerVisible: false, details: { text: action.text } }],
        },
        signalWorkflow: false,
      };
    case 'contact-customer': {
      const contact = decideFirstContact(complaint, now);
      const contactChanges = contact?.changes ?? { status: 'investigating' as const };
      // A customer never mailed an acknowledgement (no address, or not yet sent) has had one now.
      const acknowledging = complaint.acknowledgedAt === undefined;
      const changes: Partial<Complaint> = acknowledging
        ? { ...contactChanges, acknowledgedAt: now.toISOString(), acknowledgedVia: action.channel }
        : contactChanges;
      return {
        kind: 'applied',
        decision: {
          changes,
          events: [
            ...(acknowledging
              ? [
                  {
                    type: 'complaint.acknowledged' as const,
                    customerVisible: true,
                    details: { via: action.channel },
                  },
                ]
              : []),
            {
              type: 'customer.contacted',
              customerVisible: true,
              changes: change(complaint, contactChanges),
              details: {
                channel: action.channel,
                summary: action.summary,
                firstContact: contact !== undefined,
                // The KPI counters read the SLA outcome from the event (domain/kpi-counters.ts).
                ...(contact ? { onTime: contact.changes.sla?.firstResponse.onTime } : {}),
              },
            },
          ],
        },
        signalWorkflow: contact !== undefined,
      };
    }
    case 'request-info': {
      const waiting = decideAwaitCustomer(complaint, now);
      if (!waiting)
        return { kind: 'precondition-failed', reason: 'the complaint cannot wait for the customer now' };
      return {
        kind: 'applied',
        decision: {
          // The workflow mails the question (DeliverNotifications) when the signal wakes it.
          changes: {
            ...waiting.changes,
            outbox: queueCustomerNotice(complaint, {
              id: messageId,
              kind: 'info-request',
              text: action.message,
              createdAt: now.toISOString(),
            }),
          },
          events: [
            {
              type: 'info.requested',
              customerVisible: true,
              changes: change(complaint, waiting.changes),
              details: { message: action.message },
            },
          ],
        },
        signalWorkflow: true,
      };
    }
    case 'propose-resolution': {
      // A new proposal replaces any earlier one, approved or not: its approval starts afresh.
      const approverRole = approverRoleFor(policy.approvals, complaint, action.amount);
      const approval = approverRole ? ('pending' as const) : ('not-required' as const);
      const proposal = {
        summary: action.summary,
        remedy: action.remedy,
        amount: action.amount,
        by,
        at,
        approval,
        ...(approverRole ? { approverRole } : {}),
      };
      return simple(
        complaint,
        { status: 'solution-proposed', proposal },
        {
          type: 'resolution.proposed',
          customerVisible: false,
          details: {
            summary: action.summary,
            remedy: action.remedy,
            amount: action.amount,
            approval,
            approverRole,
          },
        },
      );
    }
    case 'approve-proposal':
    case 'decline-proposal': {
      if (complaint.proposal?.approval !== 'pending') {
        return { kind: 'precondition-failed', reason: 'there is no proposal waiting for approval' };
      }
      if (complaint.proposal.by === by)
        return { kind: 'forbidden', reason: 'a proposal cannot be approved by its author' };
      const approved = action.type === 'approve-proposal';
      // Declining only sends the case back to investigation, so any supervisor may; approving may not.
      const approverRole = requiredApprover(policy.approvals, complaint, complaint.proposal);
      if (approved && !mayApprove(principal, approverRole)) {
        return {
          kind: 'forbidden',
          reason: `a payout of ${complaint.proposal.amount ?? 0} (above ${policy.approvals.managerAmountThreshold}) needs the approval of a manager or an admin`,
        };
      }
      const proposal = {
        ...complaint.proposal,
        approval: approved ? ('approved' as const) : ('declined' as const),
        approverRole,
        decidedBy: by,
        decidedAt: at,
        decisionNote: action.note,
      };
      const details = { note: action.note, proposedBy: complaint.proposal.by };
      return simple(
        complaint,
        { proposal, status: approved ? 'solution-proposed' : 'investigating' },
        approved
          ? { type: 'proposal.approved', customerVisible: false, details }
          : { type: 'proposal.declined', customerVisible: false, details },
      );
    }
    case 'resolve': {
      const refusal = resolutionRefusal(policy.approvals, complaint, action);
      if (refusal) return { kind: 'precondition-failed', reason: refusal };
      const blocking = blockingAssists(complaint);
      if (blocking.length > 0 && !action.overrideReason) {
        return {
          kind: 'precondition-failed',
          reason: `required assists are open (${blocking.map((assist) => assist.department).join(', ')}): they must be answered or cancelled first, or a supervisor resolves with an overrideReason`,
        };
      }
      if (blocking.length > 0 && !isSupervisor(principal)) {
        return { kind: 'forbidden', reason: 'only a supervisor may resolve while a required assist is open' };
      }
      const resolved = decideResolution(complaint, now);
      if (!resolved) return { kind: 'precondition-failed', reason: 'the complaint cannot be resolved now' };
      const causeProblem = rootCauseProblem(policy, action.rootCause);
      if (causeProblem) return { kind: 'precondition-failed', reason: causeProblem };
      const opened =
        action.correctiveAction &&
        openCorrectiveAction(action.correctiveAction, lookedUp.correctiveActionOwner, complaint, by, at);
      if (opened && 'problem' in opened) return { kind: 'precondition-failed', reason: opened.problem };
      const resolution = {
        outcome: action.outcome,
        summary: action.summary,
        remedy: action.remedy,
        amount: action.amount,
        nextSteps: action.nextSteps,
        nextStepsBy: action.nextStepsBy && new Date(action.nextStepsBy).toISOString(),
        rootCause: action.rootCause,
        by,
        at,
      };
      // Assists still open end with the case: an override names its reason, else the case simply ended.
      const assists = cancelOpenAssists(complaint, action.overrideReason ?? 'resolved', by, at);
      // A resolution after a reopening without a new corrective action keeps the earlier one.
      const changes = {
        ...resolved.changes,
        resolution,
        ...(assists ? { assists } : {}),
        ...(opened ? { correctiveAction: opened.action } : {}),
      };
      const overridden: EventDraft[] =
        blocking.length > 0 && action.overrideReason
          ? [
              {
                type: 'assist.overridden',
                customerVisible: false,
                details: { reason: action.overrideReason, assistIds: blocking.map((assist) => assist.id) },
              },
            ]
          : [];
      return {
        kind: 'applied',
        decision: {
          changes,
          events: [
            ...overridden,
            {
              type: 'complaint.resolved',
              customerVisible: true,
              changes: change(complaint, { status: 'resolved' }),
              details: {
                outcome: action.outcome,
                remedy: action.remedy,
                rootCause: action.rootCause,
                correctiveAction: action.correctiveAction,
                // SLA outcomes for the KPI counters; the first-response one only if this ended that stage.
                onTime: resolved.changes.sla?.resolution.onTime,
                ...(complaint.sla?.firstResponse.completedAt
                  ? {}
                  : { firstResponseOnTime: resolved.changes.sla?.firstResponse.onTime }),
              },
            },
          ],
        },
        signalWorkflow: true,
      };
    }
    case 'reopen': {
      // Same as a customer's reopening: raised priority, a fresh resolution clock, the workflow told.
      const windowOver = reopenWindowOver(policy, calendar, complaint, now);
      if (windowOver) {
        return {
          kind: 'precondition-failed',
          reason: windowOver.until
            ? `the reopen window ended at ${windowOver.until.toISOString()}: the customer files a new complaint`
            : 'this complaint was closed before reopen windows were kept: the customer files a new complaint',
        };
      }
      const reopened = decideReopen(policy, calendar, complaint, action.reason, false, messageId, now);
      if (!reopened) return { kind: 'precondition-failed', reason: 'the complaint cannot be reopened now' };
      return { kind: 'applied', decision: reopened, signalWorkflow: true };
    }
    case 'close':
      return simple(
        complaint,
        { status: 'closed', closedAt: at },
        { type: 'complaint.closed', customerVisible: true, details: { reason: 'staff' } },
      );
    case 'revoke-tracking-token':
      // Every link mailed so far dies; mail sent from now on carries the new generation's link.
      return simple(
        complaint,
        { trackingTokenGeneration: trackingTokenGeneration(complaint) + 1 },
        { type: 'tracking-token.revoked', customerVisible: false, details: { reason: action.reason } },
      );
    case 'approve-change': {
      const pending = complaint.pendingChange;
      if (!pending) return { kind: 'precondition-failed', reason: 'there is no change waiting for approval' };
      if (pending.requestedBy === by)
        return { kind: 'forbidden', reason: 'a change cannot be approved by the person who asked for it' };
      // Applied exactly as the approver's own reclassify or reject would be.
      const applied = decideStaffAction(
        policy,
        calendar,
        complaint,
        actionOfChange(pending, complaint.version),
        principal,
        messageId,
        now,
      );
      if (applied.kind === 'illegal-transition') {
        return {
          kind: 'precondition-failed',
          reason: `the requested ${pending.kind} is no longer possible while the complaint is ${complaint.status}: decline it`,
        };
      }
      if (applied.kind !== 'applied') return applied;
      const cleared = { pendingChange: undefined };
      const details = {
        ...requestedChangeOf(pending),
        requestedBy: pending.requestedBy,
        approvedBy: by,
        decisionNote: action.note,
      };
      return {
        kind: 'applied',
        decision: {
          changes: { ...applied.decision.changes, ...cleared },
          events: [
            ...applied.decision.events,
            { type: 'change.approved', customerVisible: false, changes: change(complaint, cleared), details },
          ],
        },
        signalWorkflow: applied.signalWorkflow,
      };
    }
    case 'request-assist': {
      if (!canAccessDepartment(principal, complaint.department))
        return { kind: 'forbidden', reason: 'only the lead department asks for help' };
      const refusal = assistRequestRefusal(policy, complaint, action.department);
      if (refusal) return { kind: 'precondition-failed', reason: refusal };
      const assist = newAssist(
        policy,
        calendar,
        {
          department: action.department,
          question: action.question,
          required: action.required,
          requestedBy: by,
        },
        messageId,
        now,
      );
      return simple(
        complaint,
        {
          assists: [...(complaint.assists ?? []), assist],
          outbox: [...(complaint.outbox ?? []), assistRequestedMail(assist)],
        },
        {
          type: 'assist.requested',
          customerVisible: false,
          details: {
            assistId: assist.id,
            department: assist.department,
            question: assist.question,
            required: assist.required,
            dueAt: assist.dueAt,
          },
        },
        // The workflow wakes to mail the assisting department, and plans the stage's wait again so
        // that it also wakes at the assist's due time.
        true,
      );
    }
    case 'answer-assist':
    case 'cancel-assist': {
      const assist = complaint.assists?.find((candidate) => candidate.id === action.assistId);
      if (!assist || assist.status !== 'open')
        return { kind: 'precondition-failed', reason: `there is no open assist ${action.assistId}` };
      if (action.type === 'answer-assist') {
        if (!canAccessDepartment(principal, assist.department))
          return {
            kind: 'forbidden',
            reason: `only the ${assist.department} department answers this assist`,
          };
        const answered = {
          ...assist,
          status: 'answered' as const,
          answer: action.answer,
          answeredBy: by,
          ...(lookedUp.answerer ? { answeredByName: lookedUp.answerer.name } : {}),
          answeredAt: at,
        };
        return simple(
          complaint,
          { assists: withAssist(complaint, answered) },
          {
            type: 'assist.answered',
            customerVisible: false,
            details: { assistId: assist.id, department: assist.department, answer: action.answer },
          },
        );
      }
      if (!canAccessDepartment(principal, complaint.department))
        return { kind: 'forbidden', reason: 'only the lead department cancels an assist' };
      const cancelled = {
        ...assist,
        status: 'cancelled' as const,
        cancelReason: action.reason,
        cancelledBy: by,
        cancelledAt: at,
      };
      return simple(
        complaint,
        { assists: withAssist(complaint, cancelled) },
        {
          type: 'assist.cancelled',
          customerVisible: false,
          details: { assistId: assist.id, department: assist.department, reason: action.reason },
        },
      );
    }
    case 'escalate': {
      const escalated = decideManualEscalation(policy, complaint, action.reason, by, messageId, now);
      if (!escalated) {
        return {
          kind: 'precondition-failed',
          reason: 'the case has no open stage or is at the last escalation level already',
        };
      }
      // The workflow mails the level's recipients when the signal wakes it.
      return { kind: 'applied', decision: escalated, signalWorkflow: true };
    }
    case 'decline-change': {
      const pending = complaint.pendingChange;
      if (!pending)
        return { kind: 'precondition-failed', reason: 'there is no change waiting for a decision' };
      if (pending.requestedBy === by)
        return { kind: 'forbidden', reason: 'a change cannot be decided by the person who asked for it' };
      return simple(
        complaint,
        { pendingChange: undefined },
        {
          type: 'change.declined',
          customerVisible: false,
          details: {
            ...requestedChangeOf(pending),
            requestedBy: pending.requestedBy,
            declinedBy: by,
            decisionNote: action.note,
          },
        },
      );
    }
    case 'update-corrective-action': {
      const updated = updateCorrectiveAction(complaint.correctiveAction, action, principal, at);
      if (updated.kind !== 'updated') return updated;
      return simple(
        complaint,
        { correctiveAction: updated.action },
        {
          type: 'corrective-action.updated',
          customerVisible: false,
          details: { status: action.status, note: action.note, owner: updated.action.owner },
        },
      );
    }
  }
};

/** Open assists end with the case (rejected, or resolved without an override). */
const cancelledWithCase = (complaint: Complaint, by: string, at: string): Partial<Complaint> => {
  const assists = cancelOpenAssists(complaint, 'the case ended', by, at);
  return assists ? { assists } : {};
};

/**
 * An agent's lowering of the grade or rejection of an L1/L2 case: stored for a supervisor to decide;
 * grade and status stay as they are.
 */
const requestChange = (
  complaint: Complaint,
  requested: ReturnType<typeof requestedChangeOf>,
  by: string,
  at: string,
): StaffActionOutcome => {
  const refusal = changeRequestRefusal(complaint);
  if (refusal) return { kind: 'precondition-failed', reason: refusal };
  return simple(
    complaint,
    { pendingChange: pendingChangeOf(requested, by, at) },
    { type: 'change.requested', customerVisible: false, details: requested },
  );
};
