import type { EventDraft } from './audit-event.ts';
import type { BusinessCalendar } from './calendar.ts';
import type { Complaint } from './complaint.ts';
import { decideReopen, reopenWindowOver } from './follow-up.ts';
import { decideAwaitCustomer, decideFirstContact, decideResolution, type Decision } from './lifecycle.ts';
import type { Policy } from './policy.ts';
import { regradeClocks } from './sla.ts';
import { assigneeProblem, type StaffMember } from './staff-directory.ts';
import type { StaffPrincipal, StaffRole } from './staff.ts';
import { text } from './text.ts';
import { trackingTokenGeneration } from './tracking-access.ts';
import { priorityFor } from './triage.ts';
import type { ComplaintStatus } from './vocabulary.ts';
import {
  categorySchema,
  contactChannelSchema,
  rejectionReasonSchema,
  remedySchema,
  resolutionOutcomeSchema,
  severitySchema,
  urgencySchema,
} from './vocabulary-schemas.ts';
import * as z from './zod.ts';

const expectedVersion = z.int().check(z.gte(1));
const money = z.number().check(z.nonnegative(), z.lte(100_000_000), z.multipleOf(0.01));

/** Every staff action, as posted to `POST /v1/staff/complaints/{id}/actions`. */
export const staffActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('assign'), expectedVersion, assignee: text({ max: 128 }) }),
  z.strictObject({ type: z.literal('accept'), expectedVersion }),
  z.strictObject({
    type: z.literal('reject'),
    expectedVersion,
    reason: rejectionReasonSchema,
    note: text({ max: 2000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('reclassify'),
    expectedVersion,
    category: categorySchema,
    severity: severitySchema,
    urgency: urgencySchema,
    reason: text({ max: 1000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('add-note'),
    expectedVersion,
    text: text({ max: 5000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('contact-customer'),
    expectedVersion,
    channel: contactChannelSchema,
    summary: text({ max: 2000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('request-info'),
    expectedVersion,
    message: text({ max: 2000, multiline: true }),
  }),
  z.strictObject({
    type: z.literal('propose-resolution'),
    expectedVersion,
    summary: text({ max: 5000, multiline: true }),
    remedy: remedySchema,
    amount: z.optional(money),
  }),
  z.strictObject({
    type: z.literal('approve-proposal'),
    expectedVersion,
    note: z.optional(text({ max: 1000 })),
  }),
  z.strictObject({ type: z.literal('decline-proposal'), expectedVersion, note: text({ max: 1000 }) }),
  z
    .strictObject({
      type: z.literal('resolve'),
      expectedVersion,
      outcome: resolutionOutcomeSchema,
      summary: text({ max: 5000, multiline: true }),
      remedy: remedySchema,
      amount: z.optional(money),
      /** Required when partly resolved: the customer is told what comes next and by when. */
      nextSteps: z.optional(text({ max: 2000, multiline: true })),
      nextStepsBy: z.optional(z.iso.datetime({ offset: true })),
    })
    .check(
      z.refine((action) => action.outcome === 'resolved' || (action.nextSteps && action.nextStepsBy), {
        message: 'a partly resolved complaint needs nextSteps and nextStepsBy',
        path: ['nextSteps'],
      }),
    ),
  z.strictObject({
    type: z.literal('reopen'),
    expectedVersion,
    reason: text({ max: 1000, multiline: true }),
  }),
  z.strictObject({ type: z.literal('close'), expectedVersion }),
  z.strictObject({
    type: z.literal('revoke-tracking-token'),
    expectedVersion,
    /** Why (a leaked or forwarded link, a customer's request): kept in the audit trail. */
    reason: text({ max: 1000, multiline: true }),
  }),
]);

export type StaffAction = z.output<typeof staffActionSchema>;
export type StaffActionType = StaffAction['type'];

const OPEN: readonly ComplaintStatus[] = [
  'received',
  'accepted',
  'assigned',
  'investigating',
  'awaiting-customer',
  'solution-proposed',
];
const SUPERVISORS: readonly StaffRole[] = ['supervisor', 'manager', 'admin'];
const ANY_STAFF: readonly StaffRole[] = ['agent', ...SUPERVISORS];

/** The transition table: from which statuses each action is allowed, and for which roles. */
export const TRANSITIONS: Record<
  StaffActionType,
  { from: readonly ComplaintStatus[]; roles: readonly StaffRole[] }
> = {
  assign: { from: OPEN, roles: ANY_STAFF },
  accept: { from: ['received'], roles: ANY_STAFF },
  reject: { from: ['received', 'accepted', 'assigned'], roles: ANY_STAFF },
  reclassify: { from: OPEN, roles: ANY_STAFF },
  'add-note': { from: [...OPEN, 'resolved', 'closed', 'rejected'], roles: ANY_STAFF },
  'contact-customer': { from: ['received', 'accepted', 'assigned', 'investigating'], roles: ANY_STAFF },
  'request-info': { from: ['accepted', 'assigned', 'investigating'], roles: ANY_STAFF },
  'propose-resolution': { from: ['investigating'], roles: ANY_STAFF },
  'approve-proposal': { from: ['solution-proposed'], roles: SUPERVISORS },
  'decline-proposal': { from: ['solution-proposed'], roles: SUPERVISORS },
  resolve: { from: ['investigating', 'solution-proposed'], roles: ANY_STAFF },
  reopen: { from: ['resolved', 'closed'], roles: SUPERVISORS },
  close: { from: ['resolved'], roles: ANY_STAFF },
  // A leaked link must be stoppable whatever the complaint's status.
  'revoke-tracking-token': { from: [...OPEN, 'resolved', 'closed', 'rejected'], roles: SUPERVISORS },
};

/** Actions allowed from a status (for 422 answers and for the console's buttons). */
export const allowedActions = (status: ComplaintStatus): StaffActionType[] =>
  (Object.keys(TRANSITIONS) as StaffActionType[]).filter((type) => TRANSITIONS[type].from.includes(status));

/** L1 and L2 resolutions need a supervisor's approval of the proposal first. */
export const needsApproval = (complaint: Complaint): boolean =>
  complaint.severity === 'L1' || complaint.severity === 'L2';

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
  /** What the use case looked up for the action: the directory entries of an `assign`'s assignee and caller. */
  lookedUp: { assignee?: StaffMember | undefined; assigner?: StaffMember | undefined } = {},
): StaffActionOutcome => {
  if (action.expectedVersion !== complaint.version)
    return { kind: 'stale-version', currentVersion: complaint.version };
  const rule = TRANSITIONS[action.type];
  if (!rule.from.includes(complaint.status)) {
    return {
      kind: 'illegal-transition',
      status: complaint.status,
      allowed: allowedActions(complaint.status),
    };
  }
  if (!principal.roles.some((role) => rule.roles.includes(role))) {
    return { kind: 'forbidden', reason: `${action.type} needs one of the roles ${rule.roles.join(', ')}` };
  }
  const by = principal.subject;
  const at = now.toISOString();
  const isSupervisor = principal.roles.some((role) => SUPERVISORS.includes(role));

  switch (action.type) {
    case 'assign': {
      if (!isSupervisor && action.assignee !== by) {
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
      const sla = complaint.sla && decideResolution(complaint, now)?.changes.sla;
      return simple(
        complaint,
        {
          status: 'rejected',
          rejection: { reason: action.reason, note: action.note, at },
          ...(sla ? { sla } : {}),
          // The customer is told; the workflow mails it when the signal wakes it.
          outbox: [...(complaint.outbox ?? []), { id: messageId, kind: 'rejection-notice', createdAt: at }],
        },
        { type: 'complaint.rejected', customerVisible: true, details: { reason: action.reason } },
        true,
      );
    }
    case 'reclassify': {
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
      const changes = contact?.changes ?? { status: 'investigating' as const };
      return {
        kind: 'applied',
        decision: {
          changes,
          events: [
            {
              type: 'customer.contacted',
              customerVisible: true,
              changes: change(complaint, changes),
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
            outbox: [
              ...(complaint.outbox ?? []),
              { id: messageId, kind: 'info-request', text: action.message, createdAt: now.toISOString() },
            ],
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
      const proposal = {
        summary: action.summary,
        remedy: action.remedy,
        amount: action.amount,
        by,
        at,
        approval: needsApproval(complaint) ? ('pending' as const) : ('not-required' as const),
      };
      return simple(
        complaint,
        { status: 'solution-proposed', proposal },
        { type: 'resolution.proposed', customerVisible: false, details: { approval: proposal.approval } },
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
      const proposal = {
        ...complaint.proposal,
        approval: approved ? ('approved' as const) : ('declined' as const),
        decidedBy: by,
        decidedAt: at,
        decisionNote: action.note,
      };
      return simple(
        complaint,
        { proposal, status: approved ? 'solution-proposed' : 'investigating' },
        { type: approved ? 'proposal.approved' : 'proposal.declined', customerVisible: false },
      );
    }
    case 'resolve': {
      if (needsApproval(complaint) && complaint.proposal?.approval !== 'approved') {
        return {
          kind: 'precondition-failed',
          reason: `an ${complaint.severity} complaint needs an approved proposal before it is resolved`,
        };
      }
      const resolved = decideResolution(complaint, now);
      if (!resolved) return { kind: 'precondition-failed', reason: 'the complaint cannot be resolved now' };
      const resolution = {
        outcome: action.outcome,
        summary: action.summary,
        remedy: action.remedy,
        amount: action.amount,
        nextSteps: action.nextSteps,
        nextStepsBy: action.nextStepsBy && new Date(action.nextStepsBy).toISOString(),
        by,
        at,
      };
      const changes = { ...resolved.changes, resolution };
      return {
        kind: 'applied',
        decision: {
          changes,
          events: [
            {
              type: 'complaint.resolved',
              customerVisible: true,
              changes: change(complaint, { status: 'resolved' }),
              details: {
                outcome: action.outcome,
                remedy: action.remedy,
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
  }
};
