import { describe, expect, it } from 'vitest';
import {
  completeStage,
  escalateStage,
  pauseClocks,
  planStage,
  warnStage,
  resumeClocks,
  startClocks,
  type SlaSubject,
} from '../../../functions/domain/sla.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const policy = defaultPolicy();
const calendar = defaultCalendar();
const at = (iso: string) => new Date(iso);
const subject = (overrides: Partial<SlaSubject> = {}): SlaSubject => ({
  severity: 'L3',
  category: 'other',
  channel: 'web',
  tier: 'ordinary',
  ...overrides,
});
// Monday 2026-11-23 10:00 in Shanghai.
const MONDAY_10 = at('2026-11-23T02:00:00Z');

describe('SLA clocks', () => {
  it('runs L1 on the 24×7 clock: first response in 2 h, resolution in 24 h', () => {
    const sla = startClocks(
      policy,
      calendar,
      subject({ severity: 'L1', category: 'product-quality' }),
      at('2026-11-21T15:00:00Z'),
    );
    expect(sla.firstResponse).toMatchObject({
      clock: 'wall',
      dueAt: '2026-11-21T17:00:00.000Z',
      rule: 'severity:L1',
    });
    expect(sla.resolution).toMatchObject({ clock: 'wall', dueAt: '2026-11-22T15:00:00.000Z' });
  });

  it('runs L3 in business time: 3 working days to first contact, 5 to resolution', () => {
    const sla = startClocks(policy, calendar, subject(), MONDAY_10);
    // 3 × 8 working hours from Monday 10:00 → Thursday 10:00; 5 → next Monday 10:00.
    expect(sla.firstResponse).toMatchObject({ clock: 'business', dueAt: '2026-11-26T02:00:00.000Z' });
    expect(sla.resolution.dueAt).toBe('2026-11-30T02:00:00.000Z');
  });

  it('lets the earliest matching override win and records which rule set the deadline', () => {
    const quality = startClocks(policy, calendar, subject({ category: 'product-quality' }), MONDAY_10);
    expect(quality.firstResponse).toMatchObject({
      rule: 'product-quality-first-response',
      dueAt: '2026-11-24T02:00:00.000Z',
    });
    const hotline = startClocks(
      policy,
      calendar,
      subject({ category: 'product-quality', channel: 'hotline' }),
      MONDAY_10,
    );
    expect(hotline.firstResponse).toMatchObject({
      rule: 'hotline-first-response',
      dueAt: '2026-11-23T03:00:00.000Z',
    });
    // An override never loosens a stricter severity target.
    const l1 = startClocks(
      policy,
      calendar,
      subject({ severity: 'L1', category: 'price-dispute' }),
      MONDAY_10,
    );
    expect(l1.firstResponse.rule).toBe('severity:L1');
  });

  it('counts a Friday-evening L3 complaint over the weekend', () => {
    // Friday 2026-11-27 20:00 local: the first working minute is Monday 09:00.
    const sla = startClocks(policy, calendar, subject(), at('2026-11-27T12:00:00Z'));
    expect(sla.firstResponse.dueAt).toBe('2026-12-02T10:00:00.000Z'); // Wednesday 18:00 local
  });

  it('pauses while awaiting the customer and shifts both deadlines by the working time spent waiting', () => {
    const sla = startClocks(policy, calendar, subject(), MONDAY_10);
    // Paused Monday 11:00, resumed Tuesday 11:00 local: 8 working hours spent waiting.
    const paused = pauseClocks(sla, at('2026-11-23T03:00:00Z'));
    expect(planStage(paused, 'firstResponse')).toEqual({ kind: 'paused' });
    const resumed = resumeClocks(calendar, paused, at('2026-11-24T03:00:00Z'));
    expect(resumed.firstResponse.dueAt).toBe('2026-11-27T02:00:00.000Z');
    expect(resumed.resolution.dueAt).toBe('2026-12-01T02:00:00.000Z');
    expect(resumed.firstResponse.pausedAt).toBeUndefined();
    // The assignee's warning (75 % of the stage's working time) comes first, and moved with the pause.
    expect(resumed.firstResponse.warnAt).toBe('2026-11-26T04:00:00.000Z');
    expect(planStage(resumed, 'firstResponse')).toEqual({ kind: 'wait', until: '2026-11-26T04:00:00.000Z' });
    const warned = warnStage(resumed, 'firstResponse', at('2026-11-26T04:00:00Z'))!;
    expect(warned.mail).toBe(true);
    expect(planStage(warned.sla, 'firstResponse')).toEqual({
      kind: 'wait',
      until: '2026-11-27T02:00:00.000Z',
    });
    // Once only.
    expect(warnStage(warned.sla, 'firstResponse', at('2026-11-26T05:00:00Z'))).toBeUndefined();
  });

  it('does not count waiting time against the stage when it ends during the pause', () => {
    const sla = startClocks(policy, calendar, subject({ severity: 'L1' }), MONDAY_10);
    const paused = pauseClocks(sla, at('2026-11-23T03:00:00Z'));
    const done = completeStage(paused, 'firstResponse', at('2026-11-23T09:00:00Z'));
    expect(done.firstResponse).toMatchObject({ onTime: true, completedAt: '2026-11-23T09:00:00.000Z' });
    expect(planStage(done, 'firstResponse')).toEqual({ kind: 'done' });
  });

  it('judges a stage late when it ends after its deadline, and leaves an ended stage alone', () => {
    const sla = startClocks(policy, calendar, subject({ severity: 'L1' }), MONDAY_10);
    const late = completeStage(sla, 'firstResponse', at('2026-11-23T05:00:00Z'));
    expect(late.firstResponse.onTime).toBe(false);
    expect(completeStage(late, 'firstResponse', at('2026-11-23T01:00:00Z'))).toBe(late);
  });
});

describe('escalation', () => {
  const l1 = startClocks(policy, calendar, subject({ severity: 'L1' }), MONDAY_10);

  it('does nothing before the check time, for a paused clock or for an ended stage', () => {
    expect(
      escalateStage(policy, calendar, l1, 'firstResponse', 'L1', at('2026-11-23T03:59:00Z')).action,
    ).toEqual({ kind: 'none', reason: 'not-due' });
    expect(
      escalateStage(
        policy,
        calendar,
        pauseClocks(l1, MONDAY_10),
        'firstResponse',
        'L1',
        at('2026-11-23T05:00:00Z'),
      ).action,
    ).toEqual({ kind: 'none', reason: 'paused' });
    const done = completeStage(l1, 'firstResponse', MONDAY_10);
    expect(
      escalateStage(policy, calendar, done, 'firstResponse', 'L1', at('2026-11-23T05:00:00Z')).action,
    ).toEqual({ kind: 'none', reason: 'stage-done' });
  });

  it('goes up one level per check, with the extra time of each level, then reminds at the interval', () => {
    let sla = l1;
    const steps: string[] = [];
    let now = at('2026-11-23T04:00:00Z'); // exactly the first-response deadline
    for (let check = 0; check < 5; check += 1) {
      const { sla: next, action } = escalateStage(policy, calendar, sla, 'firstResponse', 'L1', now);
      steps.push(
        `${action.kind}:${'level' in action ? action.level : ''}:${'minutesLate' in action ? action.minutesLate : ''}`,
      );
      // A second call at the same moment changes nothing.
      expect(escalateStage(policy, calendar, next, 'firstResponse', 'L1', now).action.kind).toBe('none');
      sla = next;
      now = new Date(sla.firstResponse.nextCheckAt);
    }
    // L1 extra time: level 1 +1 h, level 2 +2 h, level 3 +2 h, then reminders every 2 h.
    expect(steps).toEqual([
      'escalate:1:0',
      'escalate:2:60',
      'escalate:3:180',
      'remind:3:300',
      'remind:3:420',
    ]);
    expect(sla.escalationLevel).toBe(3);
    expect(sla.reminders).toBe(2);
    expect(sla.firstResponse.breachedAt).toBe('2026-11-23T04:00:00.000Z');
  });

  it('continues from the level of the complaint on the next stage: a resolution breach after a first-response breach is level 2', () => {
    const afterFirst = escalateStage(
      policy,
      calendar,
      l1,
      'firstResponse',
      'L1',
      at('2026-11-23T04:00:00Z'),
    ).sla;
    const contacted = completeStage(afterFirst, 'firstResponse', at('2026-11-23T04:30:00Z'));
    const { action } = escalateStage(
      policy,
      calendar,
      contacted,
      'resolution',
      'L1',
      at('2026-11-24T02:00:00Z'),
    );
    expect(action).toMatchObject({ kind: 'escalate', level: 2 });
  });

  it('uses business time for the extra time of a business-clock complaint', () => {
    const l3 = startClocks(policy, calendar, subject(), MONDAY_10);
    // First-response deadline Thursday 10:00 local; level 1 gets 4 working hours → Thursday 15:00.
    const { sla } = escalateStage(policy, calendar, l3, 'firstResponse', 'L3', at('2026-11-26T02:00:00Z'));
    expect(sla.firstResponse.nextCheckAt).toBe('2026-11-26T07:00:00.000Z');
  });
});
