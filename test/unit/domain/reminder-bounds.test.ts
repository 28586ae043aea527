import { describe, expect, it } from 'vitest';
import { countReminder, nextReminderTime } from '../../../functions/domain/reminder-bounds.ts';
import { escalateStage, startClocks } from '../../../functions/domain/sla.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const calendar = defaultCalendar();
const bounds = { workingHoursOnlyFor: ['L2', 'L3', 'L4'] as const, maxPerDay: 3 };
// Asia/Shanghai is UTC+8; 2026-11-23 is a Monday, working 09:00–12:00 and 13:00–18:00 by default.
const at = (local: string) => new Date(`${local}+08:00`);

describe('reminder bounds', () => {
  it('keeps a reminder of a bounded severity out of the night, the lunch break and the weekend', () => {
    expect(nextReminderTime(calendar, bounds, 'L2', undefined, at('2026-11-23T10:00:00'))).toEqual(
      at('2026-11-23T10:00:00'),
    );
    expect(nextReminderTime(calendar, bounds, 'L2', undefined, at('2026-11-23T23:30:00'))).toEqual(
      at('2026-11-24T09:00:00'),
    );
    expect(nextReminderTime(calendar, bounds, 'L3', undefined, at('2026-11-23T12:15:00'))).toEqual(
      at('2026-11-23T13:00:00'),
    );
    expect(nextReminderTime(calendar, bounds, 'L4', undefined, at('2026-11-27T18:00:00'))).toEqual(
      at('2026-11-30T09:00:00'),
    );
  });

  it('reminds L1 around the clock, but no more than maxPerDay a day', () => {
    const night = at('2026-11-23T02:00:00');
    expect(nextReminderTime(calendar, bounds, 'L1', undefined, night)).toEqual(night);
    expect(nextReminderTime(calendar, bounds, 'L1', { day: '2026-11-23', count: 2 }, night)).toEqual(night);
    expect(nextReminderTime(calendar, bounds, 'L1', { day: '2026-11-23', count: 3 }, night)).toEqual(
      at('2026-11-24T00:00:00'),
    );
    expect(nextReminderTime(calendar, bounds, 'L2', { day: '2026-11-23', count: 3 }, night)).toEqual(
      at('2026-11-24T09:00:00'),
    );
  });

  it('counts reminders per local day', () => {
    const first = countReminder(calendar, undefined, at('2026-11-23T09:00:00'));
    expect(first).toEqual({ day: '2026-11-23', count: 1 });
    expect(countReminder(calendar, first, at('2026-11-23T17:00:00'))).toEqual({
      day: '2026-11-23',
      count: 2,
    });
    expect(countReminder(calendar, first, at('2026-11-24T00:30:00'))).toEqual({
      day: '2026-11-24',
      count: 1,
    });
  });

  it('past the last level, sends an L1 complaint at most 3 reminders a day and schedules the next check then', () => {
    const policy = defaultPolicy();
    expect(policy.escalation.reminders).toEqual({ workingHoursOnlyFor: ['L2', 'L3', 'L4'], maxPerDay: 3 });
    const received = at('2026-11-23T08:00:00');
    let sla = startClocks(
      policy,
      calendar,
      { severity: 'L1', category: 'product-quality', channel: 'web', tier: 'ordinary' },
      received,
    );
    sla = { ...sla, escalationLevel: policy.escalation.levels.length };
    const reminders: string[] = [];
    let now = new Date(sla.resolution.nextCheckAt);
    for (let check = 0; check < 20 && now < at('2026-11-26T00:00:00'); check++) {
      const { sla: next, action } = escalateStage(policy, calendar, sla, 'resolution', 'L1', now);
      if (action.kind === 'remind') reminders.push(now.toISOString());
      sla = next;
      now = new Date(sla.resolution.nextCheckAt);
    }
    const perDay = new Map<string, number>();
    for (const instant of reminders) {
      const day = new Date(instant).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect([...perDay.values()]).toEqual([3, 3]);
    // The fourth would-be reminder of the first day waits for midnight.
    expect(reminders[3]).toBe(at('2026-11-25T00:00:00').toISOString());
  });

  it('defers a check that comes at night for an L3 complaint instead of reminding', () => {
    const policy = defaultPolicy();
    let sla = startClocks(
      policy,
      calendar,
      { severity: 'L3', category: 'other', channel: 'web', tier: 'ordinary' },
      at('2026-11-16T10:00:00'),
    );
    sla = { ...sla, escalationLevel: policy.escalation.levels.length };
    const night = at('2026-11-23T22:00:00');
    const { sla: next, action } = escalateStage(
      policy,
      calendar,
      { ...sla, resolution: { ...sla.resolution, nextCheckAt: night.toISOString() } },
      'resolution',
      'L3',
      night,
    );
    expect(action).toEqual({ kind: 'defer', until: at('2026-11-24T09:00:00').toISOString() });
    expect(next.resolution.nextCheckAt).toBe(at('2026-11-24T09:00:00').toISOString());
    expect(next.reminders).toBe(sla.reminders);
  });
});
