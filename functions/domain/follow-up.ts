import { addDuration, type BusinessCalendar } from './calendar.ts';
import {
  canMailCustomer,
  queueCustomerNotice,
  type Complaint,
  type CustomerNotice,
  type FollowUpNotice,
  type OutboxMessage,
} from './complaint.ts';
import type { Decision } from './lifecycle.ts';
import type { Policy } from './policy.ts';
import { stageTarget } from './sla.ts';
import { type FollowUp, isSatisfied, reopensComplaint, type SurveyAnswer } from './survey.ts';
import { raisePriority } from './triage.ts';

/**
 * The follow-up after resolution (DOMAIN.md): the result notice at once; the survey after the
 * policy's delay; one reminder; "no response" when the window passes. A low rating or "not solved"
 * reopens the complaint. Each function here is pure: the workflow applies the decision and sends
 * the queued mail.
 */

const FOLLOW_UP_STATUSES = new Set(['resolved', 'closed']);

/** The follow-up round of the complaint's current resolution: 0, then one more per reopen. */
export const currentRound = (complaint: Complaint): number => complaint.reopenCount ?? 0;

/** What the workflow does next after planFollowUp's decision (if any) is saved. */
export type FollowUpNext = { kind: 'await'; until: Date } | { kind: 'reopened' } | { kind: 'closed' };

export interface FollowUpPlan {
  decision?: Decision | undefined;
  next: FollowUpNext;
}

const iso = (date: Date) => date.toISOString();

const notice = (kind: 'result-notice' | 'survey' | 'survey-reminder', id: string, round: number, now: Date) =>
  ({ id, kind, round, createdAt: iso(now) }) satisfies CustomerNotice;

const queue = (complaint: Complaint, message: OutboxMessage): OutboxMessage[] => [
  ...(complaint.outbox ?? []),
  message,
];

/** Whether a follow-up mail of this kind failed for good in this round. */
const failed = (followUp: FollowUp, kind: string): boolean =>
  (followUp.failures ?? []).some((failure) => failure.kind === kind);

/**
 * Until when staff may reopen a closed complaint: the policy's reopen window from its closing.
 * Complaints closed before closings were timed have no window.
 */
export const reopenableUntil = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Pick<Complaint, 'status' | 'closedAt'>,
): Date | undefined =>
  complaint.status === 'closed' && complaint.closedAt
    ? addDuration(calendar, new Date(complaint.closedAt), policy.followUp.reopenWindow)
    : undefined;

/**
 * Set when staff may no longer reopen the complaint: it is closed and its reopen window is over
 * (`until` is when it ended; none for a complaint closed before closings were timed).
 */
export const reopenWindowOver = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Pick<Complaint, 'status' | 'closedAt'>,
  now: Date,
): { until: Date | undefined } | undefined => {
  if (complaint.status !== 'closed') return undefined;
  const until = reopenableUntil(policy, calendar, complaint);
  return until && now < until ? undefined : { until };
};

/**
 * A closed complaint's workflow waits out the reopen window, so that a supervisor's reopening finds
 * it and the resolution clock runs again; then the lifecycle ends.
 */
const afterClosing = (
  policy: Policy,
  calendar: BusinessCalendar,
  closedAt: string,
  now: Date,
): FollowUpNext => {
  const until = reopenableUntil(policy, calendar, { status: 'closed', closedAt });
  return until && now < until ? { kind: 'await', until } : { kind: 'closed' };
};

/** Closes the follow-up (and the complaint, unless staff closed it already) for `reason`. */
const close = (
  complaint: Complaint,
  followUp: FollowUp,
  reason: 'satisfied' | 'no-response',
  now: Date,
  extra: Partial<FollowUp> = {},
): Decision => {
  const events: Decision['events'] = [];
  if (reason === 'no-response') {
    events.push({ type: 'survey.expired', customerVisible: false, details: { round: followUp.round } });
  }
  const changes: Partial<Complaint> = { followUp: { ...followUp, ...extra } };
  if (complaint.status !== 'closed') {
    changes.status = 'closed';
    changes.closedAt = iso(now);
    events.push({
      type: 'complaint.closed',
      customerVisible: true,
      changes: { status: { before: complaint.status, after: 'closed' } },
      details: { reason },
    });
  }
  return { changes, events };
};

/**
 * Decides the next follow-up step from the complaint as it is now. `messageId` names a mail this
 * step may queue. Returns what to save (if anything) and what the workflow does next.
 */
export const planFollowUp = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  messageId: string,
  now: Date,
): FollowUpPlan => {
  // A rejected complaint has no follow-up: its lifecycle ends.
  if (complaint.status === 'rejected') return { next: { kind: 'closed' } };
  if (!FOLLOW_UP_STATUSES.has(complaint.status)) return { next: { kind: 'reopened' } };
  /** What comes after this step closes the follow-up (and the complaint, if staff have not). */
  const closing = (): FollowUpNext => afterClosing(policy, calendar, complaint.closedAt ?? iso(now), now);
  const round = currentRound(complaint);
  const existing = complaint.followUp?.round === round ? complaint.followUp : undefined;
  const { surveyDelay, reminderAfter, surveyWindow } = policy.followUp;

  if (!existing) {
    // Just resolved (or resolved again after a reopen): the result notice goes out at once.
    const resolvedAt = complaint.resolution?.at ? new Date(complaint.resolution.at) : now;
    const surveyDueAt = addDuration(calendar, resolvedAt, surveyDelay);
    const followUp: FollowUp = { round, surveyDueAt: iso(surveyDueAt) };
    return {
      decision: {
        // A customer without an address is told the result by staff (contact-customer), not mailed.
        changes: {
          followUp,
          outbox: queueCustomerNotice(complaint, notice('result-notice', messageId, round, now)),
        },
        events: [],
      },
      next: { kind: 'await', until: surveyDueAt },
    };
  }

  const followUp = existing;
  if (followUp.answeredAt || followUp.noResponseAt) {
    // Answered (the answer closed or reopened the complaint) or expired: the follow-up is over.
    return { next: complaint.status === 'closed' ? closing() : { kind: 'reopened' } };
  }
  if (failed(followUp, 'survey')) {
    // The survey could not be delivered: that must not keep the complaint open.
    return {
      decision: close(complaint, followUp, 'no-response', now, { noResponseAt: iso(now) }),
      next: closing(),
    };
  }

  const surveyDueAt = new Date(followUp.surveyDueAt ?? now);
  if (!followUp.surveyQueuedAt) {
    if (now < surveyDueAt) return { next: { kind: 'await', until: surveyDueAt } };
    if (!canMailCustomer(complaint)) {
      // Logged by phone without an address: no survey can go out, so none is awaited; the follow-up
      // closes as unanswered and records why (the satisfaction KPIs count answers only).
      return {
        decision: close(complaint, followUp, 'no-response', now, {
          noResponseAt: iso(now),
          notMailableAt: iso(now),
        }),
        next: closing(),
      };
    }
    if (complaint.followUpOptOut) {
      // The customer asked for no more survey mail: no rating to wait for.
      return {
        decision: close(complaint, followUp, 'no-response', now, { noResponseAt: iso(now) }),
        next: closing(),
      };
    }
    const expiresAt = addDuration(calendar, now, surveyWindow);
    const reminderDueAt = addDuration(calendar, now, reminderAfter);
    return {
      decision: {
        changes: {
          followUp: {
            ...followUp,
            surveyQueuedAt: iso(now),
            surveyExpiresAt: iso(expiresAt),
            reminderDueAt: iso(reminderDueAt < expiresAt ? reminderDueAt : expiresAt),
          },
          outbox: queue(complaint, notice('survey', messageId, round, now)),
        },
        events: [],
      },
      next: { kind: 'await', until: reminderDueAt < expiresAt ? reminderDueAt : expiresAt },
    };
  }

  const expiresAt = new Date(followUp.surveyExpiresAt ?? now);
  if (now >= expiresAt) {
    return {
      decision: close(complaint, followUp, 'no-response', now, { noResponseAt: iso(now) }),
      next: closing(),
    };
  }
  const reminderDueAt = new Date(followUp.reminderDueAt ?? expiresAt);
  if (!followUp.reminderQueuedAt && !followUp.optedOutAt && now >= reminderDueAt) {
    return {
      decision: {
        changes: {
          followUp: { ...followUp, reminderQueuedAt: iso(now) },
          outbox: queue(complaint, notice('survey-reminder', messageId, round, now)),
        },
        events: [],
      },
      next: { kind: 'await', until: expiresAt },
    };
  }
  const waitingForReminder = !followUp.reminderQueuedAt && !followUp.optedOutAt;
  return { next: { kind: 'await', until: waitingForReminder ? reminderDueAt : expiresAt } };
};

/**
 * A customer reopens, or a supervisor does: back to investigation at a raised priority, with a fresh
 * resolution clock from now; a customer's reopening alerts the department's supervisors.
 */
export const decideReopen = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  reason: string,
  byCustomer: boolean,
  messageId: string,
  now: Date,
): Decision | undefined => {
  const { sla, severity, category } = complaint;
  if (!FOLLOW_UP_STATUSES.has(complaint.status) || !sla || !severity || !category) return undefined;
  // A customer reopens by answering a survey that is still open; staff only within the reopen window.
  if (!byCustomer && reopenWindowOver(policy, calendar, complaint, now)) return undefined;
  // A reclassification already rewrote severity and category to the final grade.
  const subject = { severity, category, channel: complaint.channel, tier: complaint.tier };
  const { rule, target, dueAt } = stageTarget(policy, calendar, subject, 'resolution', now);
  const resolution = {
    ...sla.resolution,
    rule,
    target,
    startedAt: iso(now),
    dueAt: iso(dueAt),
    nextCheckAt: iso(dueAt),
    pausedAt: undefined,
    completedAt: undefined,
    onTime: undefined,
    breachedAt: undefined,
  };
  const priority = complaint.priority ? raisePriority(complaint.priority) : complaint.priority;
  const changes: Partial<Complaint> = {
    status: 'investigating',
    reopenCount: currentRound(complaint) + 1,
    priority,
    sla: { ...sla, resolution, escalationLevel: 0, reminders: 0 },
    // The earlier approval bound the resolution that did not satisfy: a new one is proposed and, where
    // the approval rules ask, approved again (domain/approvals.ts). The old proposal stays in the trail.
    ...(complaint.proposal ? { proposal: undefined } : {}),
  };
  if (byCustomer) {
    // The supervisors are alerted, and the customer is told we are on it again (with the new due date).
    changes.outbox = [
      ...queue(complaint, { id: messageId, kind: 'reopened', level: 1, minutesLate: 0, createdAt: iso(now) }),
      ...(canMailCustomer(complaint)
        ? [{ id: `${messageId}-customer`, kind: 'reopened-notice' as const, createdAt: iso(now) }]
        : []),
    ];
  }
  return {
    changes,
    events: [
      {
        type: 'complaint.reopened',
        customerVisible: true,
        changes: {
          status: { before: complaint.status, after: 'investigating' },
          priority: { before: complaint.priority ?? null, after: priority ?? null },
        },
        details: { reason, byCustomer, resolutionDueAt: iso(dueAt) },
      },
    ],
  };
};

export type SurveyAnswerOutcome =
  | { kind: 'recorded'; decision: Decision; reopened: boolean }
  | { kind: 'already-answered' }
  | { kind: 'closed' };

/**
 * The customer answered the survey of `round`: recorded once; 1–2 overall or "not solved" reopens
 * the complaint, otherwise it closes.
 */
export const decideSurveyAnswer = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  round: number,
  answer: SurveyAnswer,
  messageId: string,
  now: Date,
): SurveyAnswerOutcome => {
  const followUp = complaint.followUp;
  // A survey of an earlier round, or one still open when the complaint was reopened another way
  // (tracking page, staff), no longer decides anything.
  if (!FOLLOW_UP_STATUSES.has(complaint.status) || round !== currentRound(complaint))
    return { kind: 'closed' };
  if (!followUp || followUp.round !== round || !followUp.surveyQueuedAt) return { kind: 'closed' };
  if (followUp.answeredAt) return { kind: 'already-answered' };
  if (followUp.noResponseAt || now >= new Date(followUp.surveyExpiresAt ?? now)) return { kind: 'closed' };

  const answered: FollowUp = { ...followUp, answeredAt: iso(now), answer };
  const answeredEvent: Decision['events'][number] = {
    type: 'survey.answered',
    customerVisible: true,
    details: {
      round,
      overall: answer.overall,
      process: answer.process,
      result: answer.result,
      solved: answer.solved,
      satisfied: isSatisfied(answer),
      ...(answer.comment ? { comment: answer.comment } : {}),
    },
  };
  if (reopensComplaint(answer)) {
    const reopened = decideReopen(
      policy,
      calendar,
      { ...complaint, followUp: answered },
      answer.overall <= 2 ? `rated ${answer.overall}/5` : 'the customer says the problem is not solved',
      true,
      messageId,
      now,
    );
    if (reopened) {
      return {
        kind: 'recorded',
        reopened: true,
        decision: {
          changes: { followUp: answered, ...reopened.changes },
          events: [answeredEvent, ...reopened.events],
        },
      };
    }
  }
  const closed = close(complaint, followUp, 'satisfied', now, { answeredAt: iso(now), answer });
  return {
    kind: 'recorded',
    reopened: false,
    decision: { ...closed, events: [answeredEvent, ...closed.events] },
  };
};

/** The customer wants no more follow-up mail (the result notice is sent regardless). */
export const decideOptOut = (complaint: Complaint, now: Date): Decision | undefined => {
  const followUp = complaint.followUp;
  if (!followUp || followUp.optedOutAt) return undefined;
  return {
    changes: { followUp: { ...followUp, optedOutAt: iso(now) }, followUpOptOut: true },
    events: [{ type: 'followup.opted-out', customerVisible: true, details: { round: followUp.round } }],
  };
};

/** A follow-up mail failed for good after the workflow's retries: record it and drop it from the outbox. */
export const decideFollowUpFailure = (
  complaint: Complaint,
  error: string,
  now: Date,
): Decision | undefined => {
  const followUp = complaint.followUp;
  const stuck = (complaint.outbox ?? []).filter(
    (message): message is FollowUpNotice =>
      message.kind === 'result-notice' || message.kind === 'survey' || message.kind === 'survey-reminder',
  );
  if (!followUp || stuck.length === 0) return undefined;
  const failures = [
    ...(followUp.failures ?? []),
    ...stuck.map((message) => ({ kind: message.kind, at: iso(now), error: error.slice(0, 500) })),
  ];
  return {
    changes: {
      followUp: { ...followUp, failures },
      outbox: (complaint.outbox ?? []).filter((message) => !stuck.some((failed) => failed.id === message.id)),
    },
    events: stuck.map((message) => ({
      type: 'notification.failed' as const,
      customerVisible: false,
      details: { kind: message.kind, round: followUp.round },
    })),
  };
};
