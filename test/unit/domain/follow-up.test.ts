import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import {
  decideFollowUpFailure,
  decideOptOut,
  decideSurveyAnswer,
  planFollowUp,
} from '../../../functions/domain/follow-up.ts';
import { decideTriage, type Decision } from '../../../functions/domain/lifecycle.ts';
import { parsePolicy } from '../../../functions/domain/policy.ts';
import type { SurveyAnswer } from '../../../functions/domain/survey.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy, defaultPolicyDocument } from '../../support/policy.ts';

const policy = defaultPolicy();
const calendar = defaultCalendar();
// Monday 23 Nov 2026, 10:00 in Shanghai.
const RESOLVED_AT = new Date('2026-11-23T02:00:00Z');
const hours = (n: number) => new Date(RESOLVED_AT.getTime() + n * 3_600_000);

const resolved = (): Complaint => {
  const complaint = receivedComplaint(new Date('2026-11-20T02:00:00Z'), { version: 9 });
  const triaged = {
    ...complaint,
    ...decideTriage(policy, calendar, complaint, [], new Date(complaint.submittedAt))!.changes,
  };
  return {
    ...triaged,
    status: 'resolved',
    sla: {
      ...triaged.sla!,
      firstResponse: { ...triaged.sla!.firstResponse, completedAt: '2026-11-20T03:00:00.000Z', onTime: true },
      resolution: { ...triaged.sla!.resolution, completedAt: RESOLVED_AT.toISOString(), onTime: true },
    },
    resolution: {
      outcome: 'resolved',
      summary: '已更换新机',
      remedy: 'replace',
      by: 'agent-1',
      at: RESOLVED_AT.toISOString(),
    },
  };
};

const applied = (complaint: Complaint, decision: Decision | undefined): Complaint => ({
  ...complaint,
  ...decision?.changes,
  version: complaint.version + 1,
});

/** Runs planFollowUp at `at` and applies its decision. */
const step = (complaint: Complaint, at: Date, id = `M${at.getTime()}`) => {
  const plan = planFollowUp(policy, calendar, complaint, id, at);
  return { plan, complaint: applied(complaint, plan.decision) };
};

/** Drops delivered mail from the outbox, as the notifier does after sending. */
const delivered = (complaint: Complaint): Complaint => ({ ...complaint, outbox: [] });

const answer = (overrides: Partial<SurveyAnswer> = {}): SurveyAnswer => ({
  overall: 5,
  process: 5,
  result: 5,
  solved: 'yes',
  ...overrides,
});

/** Resolved, result notice sent, survey sent at the due time. */
const surveyed = () => {
  const first = step(resolved(), RESOLVED_AT);
  const dueAt = new Date(first.complaint.followUp!.surveyDueAt!);
  return { ...step(delivered(first.complaint), dueAt), sentAt: dueAt };
};

describe('planFollowUp', () => {
  it('queues the result notice at once and waits until the survey is due, 2 working days later', () => {
    const { plan, complaint } = step(resolved(), RESOLVED_AT);
    expect(complaint.outbox).toEqual([
      {
        id: `M${RESOLVED_AT.getTime()}`,
        kind: 'result-notice',
        round: 0,
        createdAt: RESOLVED_AT.toISOString(),
      },
    ]);
    // Monday 10:00 + 2 working days (8 h each) = Wednesday 10:00 Shanghai.
    expect(plan.next).toEqual({ kind: 'await', until: new Date('2026-11-25T02:00:00Z') });
    expect(complaint.followUp).toMatchObject({ round: 0, surveyDueAt: '2026-11-25T02:00:00.000Z' });
  });

  it('sends nothing twice: a repeated step before the due time only waits', () => {
    const { complaint } = step(resolved(), RESOLVED_AT);
    const again = planFollowUp(policy, calendar, delivered(complaint), 'M2', hours(1));
    expect(again.decision).toBeUndefined();
    expect(again.next.kind).toBe('await');
  });

  it('queues the survey when due, then one reminder 72 h later, then closes with no response after 7 days', () => {
    const { plan, complaint, sentAt } = surveyed();
    expect(complaint.outbox?.map((message) => message.kind)).toEqual(['survey']);
    const reminderAt = new Date(sentAt.getTime() + 72 * 3_600_000);
    const expiresAt = new Date(sentAt.getTime() + 168 * 3_600_000);
    expect(plan.next).toEqual({ kind: 'await', until: reminderAt });
    expect(complaint.followUp).toMatchObject({ surveyExpiresAt: expiresAt.toISOString() });

    const reminded = step(delivered(complaint), reminderAt);
    expect(reminded.complaint.outbox?.map((message) => message.kind)).toEqual(['survey-reminder']);
    expect(reminded.plan.next).toEqual({ kind: 'await', until: expiresAt });
    // Only one reminder.
    expect(
      planFollowUp(
        policy,
        calendar,
        delivered(reminded.complaint),
        'M',
        new Date(reminderAt.getTime() + 1000),
      ).decision,
    ).toBeUndefined();

    const expired = step(delivered(reminded.complaint), expiresAt);
    // Closed: the workflow waits out the 30-day reopen window, then ends.
    const reopenableUntil = new Date(expiresAt.getTime() + 720 * 3_600_000);
    expect(expired.plan.next).toEqual({ kind: 'await', until: reopenableUntil });
    expect(expired.complaint.status).toBe('closed');
    expect(expired.complaint.closedAt).toBe(expiresAt.toISOString());
    expect(planFollowUp(policy, calendar, expired.complaint, 'M', reopenableUntil)).toEqual({
      next: { kind: 'closed' },
    });
    expect(expired.plan.decision?.events.map((event) => event.type)).toEqual([
      'survey.expired',
      'complaint.closed',
    ]);
    expect(expired.plan.decision?.events[1]?.details).toEqual({ reason: 'no-response' });
  });

  it('skips the reminder after an opt-out but still closes at the end of the window', () => {
    const { complaint, sentAt } = surveyed();
    const optedOut = applied(delivered(complaint), decideOptOut(complaint, sentAt));
    expect(optedOut.followUpOptOut).toBe(true);
    const reminderAt = new Date(sentAt.getTime() + 72 * 3_600_000);
    const plan = planFollowUp(policy, calendar, optedOut, 'M', reminderAt);
    expect(plan.decision).toBeUndefined();
    expect(plan.next).toEqual({ kind: 'await', until: new Date(optedOut.followUp!.surveyExpiresAt!) });
  });

  it('says "reopened" when the complaint is no longer resolved, and "closed" once answered, closed and the reopen window over', () => {
    expect(
      planFollowUp(policy, calendar, { ...resolved(), status: 'investigating' }, 'M', RESOLVED_AT).next,
    ).toEqual({
      kind: 'reopened',
    });
    const { complaint, sentAt } = surveyed();
    const outcome = decideSurveyAnswer(policy, calendar, delivered(complaint), 0, answer(), 'M', sentAt);
    if (outcome.kind !== 'recorded') throw new Error(outcome.kind);
    const closed = applied(complaint, outcome.decision);
    const windowEnds = new Date(sentAt.getTime() + 720 * 3_600_000);
    expect(planFollowUp(policy, calendar, closed, 'M', sentAt).next).toEqual({
      kind: 'await',
      until: windowEnds,
    });
    expect(planFollowUp(policy, calendar, closed, 'M', windowEnds).next).toEqual({ kind: 'closed' });
  });

  it('ends the lifecycle of a rejected complaint without any follow-up', () => {
    expect(planFollowUp(policy, calendar, { ...resolved(), status: 'rejected' }, 'M', RESOLVED_AT)).toEqual({
      next: { kind: 'closed' },
    });
  });

  it('closes without a rating when the survey could not be delivered', () => {
    const { complaint, sentAt } = surveyed();
    const failed = applied(
      complaint,
      decideFollowUpFailure(complaint, 'MessageRejected: address blocked', sentAt),
    );
    expect(failed.outbox).toEqual([]);
    expect(failed.followUp?.failures).toEqual([
      { kind: 'survey', at: sentAt.toISOString(), error: 'MessageRejected: address blocked' },
    ]);
    const closedAt = new Date(sentAt.getTime() + 1000);
    const plan = step(failed, closedAt);
    expect(plan.plan.next).toEqual({ kind: 'await', until: new Date(closedAt.getTime() + 720 * 3_600_000) });
    expect(plan.complaint.status).toBe('closed');
  });

  it('never sends the survey later than 5 working days after resolution (policy validation)', () => {
    const document = defaultPolicyDocument();
    expect(() =>
      parsePolicy({
        ...document,
        followUp: { ...(document.followUp as object), surveyDelay: { workingDays: 6 } },
      }),
    ).toThrow(/followUp\.surveyDelay/u);
    expect(() =>
      parsePolicy({
        ...document,
        followUp: { ...(document.followUp as object), surveyDelay: { workingDays: 5 } },
      }),
    ).not.toThrow();
  });
});

describe('decideSurveyAnswer', () => {
  it('closes the complaint on a rating of 3 to 5, recording the answer once', () => {
    for (const overall of [3, 4, 5] as const) {
      const { complaint, sentAt } = surveyed();
      const outcome = decideSurveyAnswer(policy, calendar, complaint, 0, answer({ overall }), 'M', sentAt);
      if (outcome.kind !== 'recorded') throw new Error(outcome.kind);
      expect(outcome.reopened).toBe(false);
      const after = applied(complaint, outcome.decision);
      expect(after.status).toBe('closed');
      expect(after.followUp?.answer?.overall).toBe(overall);
      expect(outcome.decision.events.map((event) => event.type)).toEqual([
        'survey.answered',
        'complaint.closed',
      ]);
      expect(outcome.decision.events[0]?.details).toMatchObject({
        overall,
        satisfied: overall >= 4,
        round: 0,
      });
      expect(decideSurveyAnswer(policy, calendar, after, 0, answer(), 'M', sentAt)).toEqual({
        kind: 'already-answered',
      });
    }
  });

  it.each([
    ['a rating of 1', answer({ overall: 1 })],
    ['a rating of 2', answer({ overall: 2, solved: 'partly' })],
    ['"not solved" with a good rating', answer({ overall: 4, solved: 'no' })],
  ])('reopens on %s: raised priority, supervisors alerted, resolution clock restarted', (_, given) => {
    const { complaint, sentAt } = surveyed();
    const at = new Date(sentAt.getTime() + 3_600_000);
    const outcome = decideSurveyAnswer(policy, calendar, delivered(complaint), 0, given, 'ALERT', at);
    if (outcome.kind !== 'recorded') throw new Error(outcome.kind);
    expect(outcome.reopened).toBe(true);
    const after = applied(complaint, outcome.decision);
    expect(after.status).toBe('investigating');
    expect(after.reopenCount).toBe(1);
    expect(after.priority).not.toBe(complaint.priority);
    expect(after.sla?.resolution).toMatchObject({ startedAt: at.toISOString(), completedAt: undefined });
    expect(new Date(after.sla!.resolution.dueAt).getTime()).toBeGreaterThan(at.getTime());
    // The supervisors are alerted and the customer is told the complaint is being handled again.
    expect(after.outbox).toEqual([
      expect.objectContaining({ id: 'ALERT', kind: 'reopened' }),
      expect.objectContaining({ kind: 'reopened-notice' }),
    ]);
    expect(outcome.decision.events.map((event) => event.type)).toEqual([
      'survey.answered',
      'complaint.reopened',
    ]);
    // The next resolution starts a new follow-up round.
    const again = applied(
      { ...after, status: 'resolved', resolution: { ...after.resolution!, at: at.toISOString() } },
      planFollowUp(policy, calendar, { ...after, status: 'resolved' }, 'N', at).decision,
    );
    expect(again.followUp?.round).toBe(1);
  });

  it('refuses an answer after the window, or for an earlier round', () => {
    const { complaint } = surveyed();
    const late = new Date(complaint.followUp!.surveyExpiresAt!);
    expect(decideSurveyAnswer(policy, calendar, complaint, 0, answer(), 'M', late)).toEqual({
      kind: 'closed',
    });
    expect(decideSurveyAnswer(policy, calendar, complaint, 1, answer(), 'M', hours(1))).toEqual({
      kind: 'closed',
    });
  });
});
