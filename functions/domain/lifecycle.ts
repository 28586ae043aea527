import type { BusinessCalendar } from './calendar.ts';
import type { EventDraft } from './audit-event.ts';
import { canMailCustomer, receivedAtOf, type Complaint, type OutboxMessage } from './complaint.ts';
import type { Policy } from './policy.ts';
import { decideOverdueAssists } from './assists.ts';
import {
  completeStage,
  escalateStage,
  pauseClocks,
  resumeClocks,
  startClocks,
  warnStage,
  type SlaState,
} from './sla.ts';
import { raisePriority, triage } from './triage.ts';
import type { SlaStage } from './vocabulary.ts';

/** A decided change to a complaint: the fields to set and the audit events that explain it. */
export interface Decision {
  changes: Partial<Complaint>;
  events: EventDraft[];
}

const diff = (before: Partial<Complaint>, after: Partial<Complaint>): NonNullable<EventDraft['changes']> =>
  Object.fromEntries(
    Object.entries(after)
      .filter(([field, value]) => JSON.stringify(before[field as keyof Complaint]) !== JSON.stringify(value))
      .map(([field, value]) => [
        field,
        { before: before[field as keyof Complaint] ?? null, after: value ?? null },
      ]),
  );

/**
 * The first workflow step: preliminary grade with its reasons, routing, both SLA clocks (counted
 * from receipt) and links to the customer's earlier complaints of the same category. Returns
 * undefined when the complaint was already triaged (a retried step).
 */
export const decideTriage = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  earlier: readonly { id: string; category?: string | undefined }[],
  now: Date,
): Decision | undefined => {
  if (complaint.preliminaryGrade) return undefined;
  const grade = triage(policy, {
    subject: complaint.subject,
    description: complaint.description,
    desiredOutcome: complaint.desiredOutcome,
    product: complaint.product,
    categoryHint: complaint.categoryHint,
    channel: complaint.channel,
    tier: complaint.tier,
  });
  const sla = startClocks(
    policy,
    calendar,
    { ...grade, channel: complaint.channel },
    // From when the customer complained: a call logged two hours later has two hours less left.
    new Date(receivedAtOf(complaint)),
  );
  const related = earlier
    .filter((other) => other.id !== complaint.id && other.category === grade.category)
    .map((other) => other.id);
  const classification = {
    category: grade.category,
    department: grade.department,
    severity: grade.severity,
    urgency: grade.urgency,
    priority: grade.priority,
  };
  const changes: Partial<Complaint> = {
    ...classification,
    preliminaryGrade: { ...grade, at: now.toISOString() },
    sla,
    ...(related.length > 0 ? { relatedComplaints: related } : {}),
  };
  const events: EventDraft[] = [
    {
      type: 'complaint.triaged',
      customerVisible: false,
      changes: diff(complaint, classification),
      details: {
        reasons: grade.reasons,
        firstResponseDueAt: sla.firstResponse.dueAt,
        firstResponseRule: sla.firstResponse.rule,
        resolutionDueAt: sla.resolution.dueAt,
        resolutionRule: sla.resolution.rule,
      },
    },
  ];
  if (related.length > 0) {
    events.push({
      type: 'complaint.repeat-detected',
      customerVisible: false,
      details: { relatedComplaints: related, windowDays: policy.repeatWindowDays },
    });
  }
  return { changes, events };
};

/** The acknowledgement went out; recorded once (a retried step finds it already set). */
export const decideAcknowledged = (complaint: Complaint, now: Date): Decision | undefined =>
  complaint.acknowledgedAt
    ? undefined
    : {
        changes: { acknowledgedAt: now.toISOString(), acknowledgementOutbox: undefined },
        events: [{ type: 'complaint.acknowledged', customerVisible: true }],
      };

/**
 * Records the intent to send the acknowledgement (its outbox entry) before it is sent; undefined when
 * it is sent or already intended (a retried step keeps the first entry, and so its delivery record).
 */
export const decideAcknowledgementIntent = (
  complaint: Complaint,
  now: Date,
  outboxId: string,
): Decision | undefined =>
  complaint.acknowledgedAt || complaint.acknowledgementOutbox || !canMailCustomer(complaint)
    ? undefined
    : { changes: { acknowledgementOutbox: { id: outboxId, createdAt: now.toISOString() } }, events: [] };

/** Who receives mail for an escalation level of a complaint routed to `department`. */
export const escalationRecipients = (
  policy: Policy,
  level: number,
  department: string | undefined,
): string[] => {
  const config = policy.escalation.levels[level - 1];
  if (!config) throw new Error(`No escalation level ${level}`);
  if (Array.isArray(config.recipients)) return config.recipients;
  const owner = policy.departments[department ?? ''] ?? policy.departments['customer-service'];
  if (!owner) throw new Error(`No department ${department} for escalation`);
  return config.recipients === 'department-supervisors' ? owner.supervisors : owner.heads;
};

/**
 * A stage's wait timed out: what is due of the assignee's warning before the deadline, the overdue
 * assists (their departments' supervisors are told) and the stage's escalation, in one decision.
 * Undefined when nothing is due (stage done, paused, early, or already done).
 */
export const decideEscalation = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  stage: SlaStage,
  messageId: string,
  now: Date,
): Decision | undefined => {
  let current = complaint;
  const events: EventDraft[] = [];
  let changes: Partial<Complaint> = {};
  const apply = (decision: Decision | undefined) => {
    if (!decision) return;
    changes = { ...changes, ...decision.changes };
    current = { ...current, ...decision.changes };
    events.push(...decision.events);
  };
  apply(decideWarning(current, stage, `${messageId}-warning`, now));
  let assistIds = 0;
  apply(decideOverdueAssists(current, () => `${messageId}-assist-${(assistIds += 1)}`, now));
  apply(decideStageEscalation(policy, calendar, current, stage, messageId, now));
  return Object.keys(changes).length === 0 && events.length === 0 ? undefined : { changes, events };
};

/** The assignee's one warning before the stage's deadline, if due now (sla.ts, warnStage). */
const decideWarning = (
  complaint: Complaint,
  stage: SlaStage,
  messageId: string,
  now: Date,
): Decision | undefined => {
  const warned = complaint.sla && warnStage(complaint.sla, stage, now);
  if (!warned) return undefined;
  const { sla } = warned;
  // Past the deadline the escalation speaks: the clock is only marked.
  if (!warned.mail) return { changes: { sla }, events: [] };
  const at = now.toISOString();
  const mail: OutboxMessage[] = complaint.assignee
    ? [{ id: messageId, kind: 'assignee-warning', assignee: complaint.assignee, stage, createdAt: at }]
    : [];
  return {
    changes: { sla, ...(mail.length > 0 ? { outbox: [...(complaint.outbox ?? []), ...mail] } : {}) },
    events: [
      {
        type: 'sla.warned',
        customerVisible: false,
        details: { stage, dueAt: sla[stage].dueAt, assignee: complaint.assignee },
      },
    ],
  };
};

/**
 * A handler foresees a delay and escalates now (`escalate` action): the case moves one level up with
 * the same mails as a timer escalation; the deadline and the timer's checks stay as they were.
 * Undefined when there is no open stage or the case is at the last level already.
 */
export const decideManualEscalation = (
  policy: Policy,
  complaint: Complaint,
  reason: string,
  by: string,
  messageId: string,
  now: Date,
): Decision | undefined => {
  const sla = complaint.sla;
  if (!sla) return undefined;
  const stage: SlaStage | undefined = !sla.firstResponse.completedAt
    ? 'firstResponse'
    : !sla.resolution.completedAt
      ? 'resolution'
      : undefined;
  const level = policy.escalation.levels[sla.escalationLevel];
  if (!stage || !level) return undefined;
  const minutesLate = Math.max(0, Math.round((now.getTime() - Date.parse(sla[stage].dueAt)) / 60_000));
  const escalated: SlaState = { ...sla, escalationLevel: level.level };
  const priority = complaint.priority ? raisePriority(complaint.priority) : complaint.priority;
  const at = now.toISOString();
  const messages: OutboxMessage[] = [
    { id: messageId, kind: 'escalation', level: level.level, stage, minutesLate, createdAt: at },
    ...(complaint.assignee && complaint.assignee !== by
      ? [
          {
            id: `${messageId}-assignee`,
            kind: 'assignee-escalated' as const,
            assignee: complaint.assignee,
            level: level.level,
            stage,
            createdAt: at,
          },
        ]
      : []),
  ];
  return {
    changes: { sla: escalated, priority, outbox: [...(complaint.outbox ?? []), ...messages] },
    events: [
      {
        type: 'sla.escalated',
        customerVisible: false,
        changes: diff(complaint, { priority }),
        details: {
          stage,
          level: level.level,
          minutesLate,
          dueAt: sla[stage].dueAt,
          nextCheckAt: sla[stage].nextCheckAt,
          recipients: escalationRecipients(policy, level.level, complaint.department),
          manual: { reason },
        },
      },
    ],
  };
};

/**
 * A stage's check time came: escalate one level (raising priority) or remind past the last level,
 * queueing the notification in the outbox. Undefined when there is nothing to do (stage done,
 * paused, not due yet, or this check already happened).
 */
const decideStageEscalation = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  stage: SlaStage,
  messageId: string,
  now: Date,
): Decision | undefined => {
  if (!complaint.sla || !complaint.severity) return undefined;
  const { sla, action } = escalateStage(policy, calendar, complaint.sla, stage, complaint.severity, now);
  if (action.kind === 'none') return undefined;
  // Only the next check moves; nothing is sent, so there is nothing to audit.
  if (action.kind === 'defer') return { changes: { sla }, events: [] };
  const message: OutboxMessage = {
    id: messageId,
    kind: action.kind === 'escalate' ? 'escalation' : 'reminder',
    level: action.level,
    stage,
    minutesLate: action.minutesLate,
    reminder: action.kind === 'remind' ? action.reminder : undefined,
    createdAt: now.toISOString(),
  };
  const priority =
    action.kind === 'escalate' && complaint.priority ? raisePriority(complaint.priority) : complaint.priority;
  // The member handling the case hears that it moved up, beside the level's recipients.
  const assigneeAlert: OutboxMessage[] =
    action.kind === 'escalate' && complaint.assignee
      ? [
          {
            id: `${messageId}-assignee`,
            kind: 'assignee-escalated',
            assignee: complaint.assignee,
            level: action.level,
            stage,
            createdAt: now.toISOString(),
          },
        ]
      : [];
  const changes: Partial<Complaint> = {
    sla,
    priority,
    outbox: [...(complaint.outbox ?? []), message, ...assigneeAlert],
  };
  return {
    changes,
    events: [
      {
        type: action.kind === 'escalate' ? 'sla.escalated' : 'sla.reminded',
        customerVisible: false,
        changes: diff(complaint, { priority }),
        details: {
          stage,
          level: action.level,
          minutesLate: action.minutesLate,
          dueAt: complaint.sla[stage].dueAt,
          nextCheckAt: sla[stage].nextCheckAt,
          recipients: escalationRecipients(policy, action.level, complaint.department),
        },
      },
    ],
  };
};

/** L1 starts the emergency path: senior management (the last escalation level) hears at once. */
export const decideEmergencyAlert = (
  policy: Policy,
  complaint: Complaint,
  messageId: string,
  now: Date,
): Decision | undefined => {
  if (complaint.severity !== 'L1' || complaint.emergencyAlertedAt) return undefined;
  const level = policy.escalation.levels.length;
  const message: OutboxMessage = {
    id: messageId,
    kind: 'emergency',
    level,
    minutesLate: 0,
    createdAt: now.toISOString(),
  };
  return {
    changes: { emergencyAlertedAt: now.toISOString(), outbox: [...(complaint.outbox ?? []), message] },
    events: [
      {
        type: 'emergency.alerted',
        customerVisible: false,
        details: { level, recipients: escalationRecipients(policy, level, complaint.department) },
      },
    ],
  };
};

/** The outbox after a message was sent, with the audit entry; undefined if it was already removed. */
export const withoutMessage = (
  complaint: Complaint,
  messageId: string,
  recipients: string[],
): Decision | undefined => {
  const message = complaint.outbox?.find((queued) => queued.id === messageId);
  if (!message) return undefined;
  return {
    changes: { outbox: (complaint.outbox ?? []).filter((queued) => queued.id !== messageId) },
    events: [sentEvent(message, recipients)],
  };
};

/** The audit entry of a sent mail; the customer's address is on the complaint, so it is not copied. */
const sentEvent = (message: OutboxMessage, recipients: string[]): EventDraft => {
  switch (message.kind) {
    case 'info-request':
    case 'rejection-notice':
    case 'reopened-notice':
    case 'tracking-link':
      return { type: 'notification.sent', customerVisible: false, details: { kind: message.kind } };
    case 'incident-notice':
      return {
        type: 'notification.sent',
        customerVisible: false,
        details: { kind: message.kind, incidentId: message.incidentId, noticeId: message.noticeId },
      };
    case 'result-notice':
      return { type: 'resolution.notified', customerVisible: true, details: { round: message.round } };
    case 'survey':
      return { type: 'survey.sent', customerVisible: true, details: { round: message.round } };
    case 'survey-reminder':
      return { type: 'survey.reminded', customerVisible: false, details: { round: message.round } };
    case 'late-reply':
      return {
        type: 'notification.sent',
        customerVisible: false,
        details: { kind: message.kind, recipients },
      };
    case 'assigned':
    case 'assignee-warning':
    case 'assignee-escalated':
      return {
        type: 'notification.sent',
        customerVisible: false,
        details: { kind: message.kind, assignee: message.assignee, recipients },
      };
    default:
      return {
        type: 'notification.sent',
        customerVisible: false,
        details: { kind: message.kind, level: message.level, stage: message.stage, recipients },
      };
  }
};

const CLOSED_STATUSES = new Set(['resolved', 'closed', 'rejected']);

/** Staff reached the customer: the first-response clock stops. */
export const decideFirstContact = (complaint: Complaint, now: Date): Decision | undefined => {
  if (!complaint.sla || complaint.sla.firstResponse.completedAt || CLOSED_STATUSES.has(complaint.status)) {
    return undefined;
  }
  const status = complaint.status === 'awaiting-customer' ? complaint.status : 'investigating';
  return {
    changes: { sla: completeStage(complaint.sla, 'firstResponse', now), status },
    events: [{ type: 'customer.contacted', customerVisible: true, changes: diff(complaint, { status }) }],
  };
};

/** The complaint is resolved: both clocks stop (first contact is implied by the resolution). */
export const decideResolution = (complaint: Complaint, now: Date): Decision | undefined => {
  if (!complaint.sla || CLOSED_STATUSES.has(complaint.status)) return undefined;
  const sla = completeStage(completeStage(complaint.sla, 'firstResponse', now), 'resolution', now);
  return {
    changes: { sla, status: 'resolved' },
    events: [
      { type: 'complaint.resolved', customerVisible: true, changes: diff(complaint, { status: 'resolved' }) },
    ],
  };
};

/** Staff asked the customer for information: the clocks pause until the customer answers. */
export const decideAwaitCustomer = (complaint: Complaint, now: Date): Decision | undefined => {
  if (!complaint.sla || complaint.status === 'awaiting-customer' || CLOSED_STATUSES.has(complaint.status)) {
    return undefined;
  }
  return {
    changes: { sla: pauseClocks(complaint.sla, now), status: 'awaiting-customer' },
    events: [
      {
        type: 'sla.paused',
        customerVisible: true,
        changes: diff(complaint, { status: 'awaiting-customer' }),
      },
    ],
  };
};

/** The customer answered: the clocks run again, shifted by the time spent waiting. */
export const decideCustomerResponded = (
  calendar: BusinessCalendar,
  complaint: Complaint,
  now: Date,
): Decision | undefined => {
  if (!complaint.sla || complaint.status !== 'awaiting-customer') return undefined;
  const sla = resumeClocks(calendar, complaint.sla, now);
  const status = 'investigating';
  return {
    changes: { sla, status },
    events: [
      {
        type: 'sla.resumed',
        customerVisible: true,
        changes: diff(complaint, { status }),
        details: { firstResponseDueAt: sla.firstResponse.dueAt, resolutionDueAt: sla.resolution.dueAt },
      },
    ],
  };
};

/**
 * The customer wrote to us (answering a request for information or adding to the complaint): the
 * message joins the timeline and, if we were waiting for it, the clocks run again.
 */
export const decideCustomerMessage = (
  calendar: BusinessCalendar,
  complaint: Complaint,
  message: string,
  now: Date,
): Decision | undefined => {
  if (CLOSED_STATUSES.has(complaint.status)) return undefined;
  const resumed = decideCustomerResponded(calendar, complaint, now);
  return {
    changes: resumed?.changes ?? {},
    events: [
      {
        type: 'customer.replied',
        customerVisible: true,
        changes: resumed?.events[0]?.changes,
        details: { message, resumedClock: resumed !== undefined },
      },
    ],
  };
};
