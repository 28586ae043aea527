/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- these tests build deliberately malformed policy documents */
import { describe, expect, it } from 'vitest';
import { businessCalendar, parsePolicy } from '../../../functions/domain/policy.ts';
import { defaultPolicyDocument } from '../../support/policy.ts';

const withChange = (change: (document: Record<string, any>) => void) => {
  const document = structuredClone(defaultPolicyDocument()) as Record<string, any>;
  change(document);
  return document;
};

describe('complaint policy', () => {
  it('accepts the shipped default policy and flattens its calendar', () => {
    const policy = parsePolicy(defaultPolicyDocument());
    const calendar = businessCalendar(policy);
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.holidays).toContain('2026-10-01');
    expect(calendar.workingDays).toContain('2026-02-14');
    expect(policy.escalation.levels.map((level) => level.level)).toEqual([1, 2, 3]);
  });

  it.each([
    [
      'an unknown department for a category',
      (d: any) => (d.categories.logistics.department = 'nowhere'),
      'categories.logistics.department',
    ],
    ['a missing severity in the SLA matrix', (d: any) => delete d.sla.bySeverity.L2, 'sla.bySeverity.L2'],
    ['a bad time zone', (d: any) => (d.calendar.timeZone = 'Mars/Olympus'), 'calendar.timeZone'],
    [
      'overlapping working hours',
      (d: any) =>
        (d.calendar.workingHours = [
          { start: '09:00', end: '13:00' },
          { start: '12:00', end: '18:00' },
        ]),
      'calendar.workingHours',
    ],
    [
      'a holiday filed under the wrong year',
      (d: any) => d.calendar.years['2026'].holidays.push('2027-01-01'),
      'calendar',
    ],
    [
      'a day that is both holiday and working day',
      (d: any) => d.calendar.years['2026'].workingDays.push('2026-10-01'),
      'calendar',
    ],
    ['escalation levels out of order', (d: any) => d.escalation.levels.reverse(), 'escalation.levels'],
    [
      'a negative SLA target',
      (d: any) => (d.sla.bySeverity.L1.firstResponse = { hours: -2 }),
      'sla.bySeverity.L1.firstResponse',
    ],
    [
      'an SLA target with two units',
      (d: any) => (d.sla.bySeverity.L1.firstResponse = { hours: 2, workingDays: 1 }),
      'sla.bySeverity.L1.firstResponse',
    ],
    ['an override with no condition', (d: any) => (d.sla.overrides[0].when = {}), 'sla.overrides.0.when'],
    ['an unknown top-level field', (d: any) => (d.surprise = true), '(root)'],
  ])('rejects %s, naming the path', (_name, change, path) => {
    expect(() => parsePolicy(withChange(change))).toThrow(path);
  });
});
