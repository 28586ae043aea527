import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../functions/domain/policy.ts';
import {
  newComplaint,
  recordingDueAt,
  validateIntake,
  validateStaffIntake,
  type StaffIntakeRequest,
} from '../../../functions/domain/intake.ts';
import { decideAcknowledgementIntent, decideTriage } from '../../../functions/domain/lifecycle.ts';
import { planFollowUp } from '../../../functions/domain/follow-up.ts';
import { contributionOf } from '../../../functions/domain/kpi-counters.ts';
import { toEvents } from '../../../functions/adapters/events.ts';
import { chineseComplaint } from '../../support/fixtures.ts';
import { defaultCalendar, defaultPolicy, defaultPolicyDocument } from '../../support/policy.ts';

// Tuesday 2026-11-24 15:00 in Shanghai: a working afternoon.
const NOW = new Date('2026-11-24T07:00:00Z');
const HOUR = 60 * 60 * 1000;

const hotlineCall = (overrides: Record<string, unknown> = {}) => {
  const { customer: _customer, ...details } = chineseComplaint();
  return {
    ...details,
    customer: { name: '李华', phone: '138 0013 8000' },
    channel: 'hotline',
    receivedAt: new Date(NOW.getTime() - 2 * HOUR).toISOString(),
    ...overrides,
  };
};

const errorsOf = (body: unknown) => {
  const result = validateStaffIntake(body, NOW);
  return result.ok ? [] : result.errors;
};

const valid = (body: unknown): StaffIntakeRequest => {
  const result = validateStaffIntake(body, NOW);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.request;
};

const logged = (request: StaffIntakeRequest, now = NOW) => {
  let next = 0;
  return newComplaint(
    {
      kind: 'staff',
      request,
      loggedBy: { id: 'agent-q1', role: 'agent' },
      recordDueAt: recordingDueAt(defaultPolicy(), defaultCalendar(), new Date(request.receivedAt)),
    },
    {
      id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      reference: 'CMP-261124-ABCDEF',
      eventId: () => `01ARZ3NDEKTSV4RRFFQ69G5FB${next++}`,
    },
    now,
  );
};

describe('staff intake validation', () => {
  it('accepts a phone-only hotline complaint with its receipt time', () => {
    expect(errorsOf(hotlineCall())).toEqual([]);
    expect(valid(hotlineCall())).toMatchObject({ tier: 'ordinary', customer: { locale: 'zh-CN' } });
  });

  it('needs a phone number or an email address', () => {
    expect(errorsOf(hotlineCall({ customer: { name: '李华' } }))).toEqual([
      { field: 'customer.phone', message: 'a phone number or an email address is required' },
    ]);
    expect(errorsOf(hotlineCall({ customer: { name: '李华', email: 'li@example.com' } }))).toEqual([]);
  });

  it('refuses a receipt time in the future, with the schema errors at once', () => {
    const future = new Date(NOW.getTime() + HOUR).toISOString();
    expect(errorsOf(hotlineCall({ receivedAt: future, channel: 'web' }))).toEqual([
      { field: 'channel', message: expect.stringContaining('must be one of hotline') as unknown },
      { field: 'receivedAt', message: 'must not be in the future' },
    ]);
  });

  it('needs the source of a third-party complaint', () => {
    expect(errorsOf(hotlineCall({ channel: 'third-party' })).map((error) => error.field)).toEqual(['source']);
    expect(
      errorsOf(
        hotlineCall({
          channel: 'third-party',
          source: { kind: 'organisation', name: '市消费者协会', reference: 'XH-2026-118' },
        }),
      ),
    ).toEqual([]);
  });

  it('keeps the public route to the web and the API', () => {
    const result = validateIntake({ ...chineseComplaint(), channel: 'hotline' }, NOW);
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'channel', message: 'must be one of web, api' }],
    });
  });
});

describe('a staff-logged complaint', () => {
  it('records the agent, the receipt time, the tier and a phone key for repeat detection', () => {
    const { complaint, events } = logged(valid(hotlineCall({ tier: 'important' })));
    expect(complaint).toMatchObject({
      channel: 'hotline',
      tier: 'important',
      submittedAt: NOW.toISOString(),
      receivedAt: new Date(NOW.getTime() - 2 * HOUR).toISOString(),
      loggedBy: { id: 'agent-q1' },
    });
    expect(complaint.customer.email).toBeUndefined();
    expect(complaint.customerKey).toBe(complaint.customerPhoneKey);
    expect(complaint.recordedLate).toBeUndefined();
    expect(events.map((event) => [event.type, event.actor])).toEqual([
      ['complaint.received', { kind: 'staff', id: 'agent-q1', role: 'agent' }],
    ]);
  });

  it('starts its SLA clocks at receipt, so two hours ago leaves two hours less', () => {
    const request = valid(hotlineCall());
    const { complaint } = logged(request);
    const policy = defaultPolicy();
    const triage = decideTriage(policy, defaultCalendar(), complaint, [], NOW)!;
    const sameCallNow = logged(valid(hotlineCall({ receivedAt: NOW.toISOString() }))).complaint;
    const atOnce = decideTriage(policy, defaultCalendar(), sameCallNow, [], NOW)!;
    expect(triage.changes.sla!.firstResponse.startedAt).toBe(request.receivedAt);
    const dueEarlier =
      Date.parse(atOnce.changes.sla!.firstResponse.dueAt) -
      Date.parse(triage.changes.sla!.firstResponse.dueAt);
    // Both within the same working afternoon: exactly two hours of business time apart.
    expect(dueEarlier).toBe(2 * HOUR);
  });

  it('applies the tier SLA rules for an important customer', () => {
    // A minor matter by letter: no channel rule, and the severity's own target is longer than the tier's.
    const minor = {
      subject: '发票抬头写错了',
      description: '上次开的发票抬头写错了，麻烦重新开一张。',
      categoryHint: 'other',
    };
    const firstResponseRule = (tier: string) => {
      const { complaint } = logged(valid(hotlineCall({ ...minor, tier, channel: 'letter' })));
      return decideTriage(defaultPolicy(), defaultCalendar(), complaint, [], NOW)!.changes.sla!.firstResponse
        .rule;
    };
    expect(firstResponseRule('important')).toBe('important-customer');
    expect(firstResponseRule('ordinary')).not.toBe('important-customer');
  });

  it('is flagged, with an audit event, when recorded after the policy recordWithin', () => {
    // Received Friday 2026-11-20 10:00 in Shanghai; one working day later is Monday 10:00.
    const request = valid(hotlineCall({ receivedAt: '2026-11-20T02:00:00Z' }));
    const { complaint, events } = logged(request);
    expect(complaint.recordedLate).toEqual({ dueAt: '2026-11-23T02:00:00.000Z' });
    expect(events.map((event) => event.type)).toEqual(['complaint.received', 'complaint.recorded-late']);
    const triage = decideTriage(defaultPolicy(), defaultCalendar(), complaint, [], NOW)!;
    const triaged = toEvents(complaint.id, triage.events, { kind: 'system' }, NOW);
    expect(contributionOf(complaint.receivedAt!, [...events, ...triaged]).daily).toMatchObject({
      received: 1,
      recordedLate: 1,
    });
  });

  it('takes recordWithin from the policy, one working day by default', () => {
    expect(defaultPolicy().intake.recordWithin).toEqual({ workingDays: 1 });
    const { intake: _intake, ...withoutIntake } = defaultPolicyDocument();
    expect(parsePolicy(withoutIntake).intake.recordWithin).toEqual({ workingDays: 1 });
  });

  it('counts an acknowledgement given on the phone, and never queues one by mail', () => {
    const { complaint, events } = logged(valid(hotlineCall({ acknowledgedVia: 'phone' })));
    expect(complaint.acknowledgedAt).toBe(NOW.toISOString());
    expect(events.at(-1)).toMatchObject({ type: 'complaint.acknowledged', details: { via: 'phone' } });
    const unacknowledged = logged(valid(hotlineCall())).complaint;
    expect(decideAcknowledgementIntent(unacknowledged, NOW, 'ack-1')).toBeUndefined();
  });

  it('closes its follow-up without a survey when there is no address to mail it to', () => {
    const { complaint } = logged(valid(hotlineCall()));
    const resolved = {
      ...complaint,
      status: 'resolved' as const,
      followUp: { round: 0, surveyDueAt: NOW.toISOString() },
    };
    const plan = planFollowUp(defaultPolicy(), defaultCalendar(), resolved, 'mail-1', NOW);
    expect(plan.decision?.changes.followUp).toMatchObject({
      notMailableAt: NOW.toISOString(),
      noResponseAt: NOW.toISOString(),
    });
    expect(plan.decision?.changes.outbox ?? []).toEqual([]);
  });

  it('queues no result notice for a customer without an address', () => {
    const { complaint } = logged(valid(hotlineCall()));
    const resolved = { ...complaint, status: 'resolved' as const };
    const plan = planFollowUp(defaultPolicy(), defaultCalendar(), resolved, 'mail-1', NOW);
    expect(plan.decision?.changes.followUp).toBeDefined();
    expect(plan.decision?.changes.outbox).toEqual([]);
  });
});
