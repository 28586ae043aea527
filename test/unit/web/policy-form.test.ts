import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../functions/domain/policy.ts';
import { checkCalendarYears } from '../../../functions/domain/calendar-years.ts';
import { policyDiff, whereInJson } from '../../../web/src/console/policy-diff.ts';
import {
  durationOf,
  durationParts,
  emailsFromText,
  errorsByPolicyPath,
  errorsUnder,
  nextCalendarYear,
  numberOf,
  policyUpdate,
  recipientsMode,
  recipientsOf,
  setIn,
  withCalendarYear,
} from '../../../web/src/console/policy-form.ts';
import { policyEn } from '../../../web/src/console/policy-messages-en.ts';
import { policyZhCN } from '../../../web/src/console/policy-messages-zh-CN.ts';
import { defaultPolicy } from '../../support/policy.ts';

describe('the policy form mapped to the policy document', () => {
  it('sets one path and copies only the objects on the way', () => {
    const policy = defaultPolicy();
    const next = setIn(policy, ['approvals', 'amountThreshold'], 8000);
    expect(next.approvals.amountThreshold).toBe(8000);
    expect(policy.approvals.amountThreshold).toBe(5000);
    expect(next.calendar).toBe(policy.calendar);
    expect(next.approvals).not.toBe(policy.approvals);
    expect(setIn({ list: [1, 2] }, ['list', 1], 3)).toEqual({ list: [1, 3] });
  });

  it('reads address lists typed one per line or with (full-width) commas and semicolons', () => {
    expect(emailsFromText(' a@example.com\nb@example.com，c@example.com; d@example.com ,\n')).toEqual([
      'a@example.com',
      'b@example.com',
      'c@example.com',
      'd@example.com',
    ]);
    expect(emailsFromText('  \n')).toEqual([]);
  });

  it('maps durations, numbers and escalation recipients both ways', () => {
    expect(durationParts({ workingDays: 5 })).toEqual({ unit: 'workingDays', amount: 5 });
    expect(durationOf('hours', '24')).toEqual({ hours: 24 });
    // Text that is not a number goes to the server as typed, to be refused at its path.
    expect(durationOf('hours', '')).toEqual({ hours: '' });
    expect(numberOf('0.95')).toBe(0.95);
    expect(numberOf('lots')).toBe('lots');
    expect(recipientsMode('department-heads')).toBe('department-heads');
    expect(recipientsMode(['ceo@example.com'])).toBe('list');
    expect(recipientsOf('list', 'ceo@example.com\ncoo@example.com')).toEqual([
      'ceo@example.com',
      'coo@example.com',
    ]);
    expect(recipientsOf('department-supervisors', 'ignored@example.com')).toBe('department-supervisors');
  });

  it('adds a calendar year from its periods, which the policy schema accepts and the warning counts', () => {
    const policy = defaultPolicy();
    expect(nextCalendarYear(policy, new Date('2026-12-01T00:00:00Z'))).toBe('2027');
    const added = withCalendarYear(policy, '2027', {
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      workingDays: [{ name: '春节 补班', date: '2027-02-20' }],
    });
    const reparsed = parsePolicy(
      JSON.parse(JSON.stringify(policyUpdate(added, ' 2027 年节假日 ', 1).policy)),
    );
    expect(reparsed.calendar.years['2027']).toEqual({
      holidays: ['2027-01-01', '2027-01-02', '2027-01-03'],
      workingDays: ['2027-02-20'],
      names: { '2027-01-01': '元旦', '2027-02-20': '春节 补班' },
    });
    const december = new Date('2026-12-02T04:00:00Z');
    expect(checkCalendarYears(policy, december).missing).toEqual([2027]);
    expect(checkCalendarYears(reparsed, december).missing).toEqual([]);
    expect(policyUpdate(added, ' 2027 年节假日 ', 1).reason).toBe('2027 年节假日');
  });

  it('files the server’s field errors under their policy paths, for each field and each section', () => {
    const byPath = errorsByPolicyPath([
      { field: 'policy.calendar.years.2027.holidays.1', message: '2028-01-01 is not in 2027' },
      { field: 'policy.departments.quality.heads.0', message: 'Invalid email address' },
      { field: 'reason', message: 'must not be empty' },
    ]);
    expect(errorsUnder(byPath, ['calendar', 'years', '2027'])).toEqual([
      'holidays.1: 2028-01-01 is not in 2027',
    ]);
    expect(errorsUnder(byPath, ['departments', 'quality', 'heads'])).toEqual(['0: Invalid email address']);
    expect(errorsUnder(byPath, ['departments', 'quality', 'heads', 0])).toEqual(['Invalid email address']);
    expect(errorsUnder(byPath, ['departments', 'quality', 'he'])).toEqual([]);
    expect(errorsUnder(byPath, ['reason'])).toEqual(['must not be empty']);
  });
});

describe('the diff shown before saving', () => {
  it('shows an added holiday in its year, and nothing for an unchanged policy', () => {
    const policy = defaultPolicy();
    const next = setIn(
      policy,
      ['calendar', 'years', '2026', 'holidays'],
      [...policy.calendar.years['2026']!.holidays, '2026-12-31'],
    );
    const hunks = policyDiff(policy, next);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]!.where).toEqual(['calendar', 'years', '2026', 'holidays']);
    expect(hunks[0]!.lines.filter((line) => line.kind === 'added').map((line) => line.text.trim())).toContain(
      '"2026-12-31"',
    );
    expect(policyDiff(policy, structuredClone(policy))).toEqual([]);
  });

  it('names the keys enclosing a line of indented JSON', () => {
    const lines = JSON.stringify({ a: { b: [1, { c: 2 }] } }, null, 2).split('\n');
    expect(
      whereInJson(
        lines,
        lines.findIndex((line) => line.includes('"c"')),
      ),
    ).toEqual(['a', 'b']);
  });
});

describe('the policy page’s words', () => {
  it('has the same entries in English and Chinese', () => {
    const shape = (value: unknown): unknown =>
      value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shape(inner)]))
        : typeof value;
    expect(shape(policyZhCN)).toEqual(shape(policyEn));
  });
});
