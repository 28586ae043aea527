import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDuration,
  isWorkingDay,
  missingCalendarYears,
  PROVISIONAL_HOLIDAYS,
  provisionalYearsBetween,
  requiredCalendarYears,
  type BusinessCalendar,
} from '../../../functions/domain/calendar.ts';
import { checkCalendarYears } from '../../../functions/domain/calendar-years.ts';
import { startClocks } from '../../../functions/domain/sla.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

/** A Shanghai local time (UTC+8, no DST) as an instant. */
const local = (dateTime: string): Date => new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);

const calendar = defaultCalendar();

/** Days of a year as 'YYYY-MM-DD' with their ISO weekday. */
const dayOf = (year: number, dayIndex: number): { date: string; weekday: number } => {
  const utc = new Date(Date.UTC(year, 0, 1 + dayIndex));
  return { date: utc.toISOString().slice(0, 10), weekday: utc.getUTCDay() || 7 };
};

describe('a year the policy does not cover: statutory fixed-date holidays, flagged provisional', () => {
  it('2026-12-30 + 3 working days is 2027-01-05: 1 January 2027 is a day off', () => {
    const start = local('2026-12-30 10:00');
    const due = addDuration(calendar, start, { workingDays: 3 });
    expect(due).toEqual(local('2027-01-05 10:00'));
    expect(provisionalYearsBetween(calendar, start, due)).toEqual([2027]);
  });

  it('a deadline inside covered years is not provisional; one reaching an uncovered year is', () => {
    expect(provisionalYearsBetween(calendar, local('2026-03-02 09:00'), local('2026-03-09 09:00'))).toEqual(
      [],
    );
    const policy = defaultPolicy();
    const subject = { severity: 'L3', category: 'other', channel: 'web', tier: 'ordinary' } as const;
    const inside = startClocks(policy, calendar, subject, local('2026-03-02 10:00'));
    expect(inside.resolution.provisionalCalendar).toBeUndefined();
    const across = startClocks(policy, calendar, subject, local('2026-12-28 10:00'));
    expect(across.resolution.provisionalCalendar).toBe(true);
  });

  it('wall-clock deadlines never depend on the calendar, so they are never provisional', () => {
    const policy = defaultPolicy();
    const l1 = { severity: 'L1', category: 'other', channel: 'web', tier: 'ordinary' } as const;
    const clocks = startClocks(policy, calendar, l1, local('2026-12-31 20:00'));
    expect(clocks.firstResponse.clock).toBe('wall');
    expect(clocks.firstResponse.provisionalCalendar).toBeUndefined();
  });

  it('property: in an uncovered year exactly the statutory fixed dates and weekends are off', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2027, max: 2100 }), fc.integer({ min: 0, max: 364 }), (year, index) => {
        const { date, weekday } = dayOf(year, index);
        const statutory = PROVISIONAL_HOLIDAYS.includes(date.slice(5));
        expect(isWorkingDay(calendar, date)).toBe(!statutory && weekday <= 5);
      }),
    );
  });

  it('property: covered years keep their published data (2026 National Day week, 调休 Sunday)', () => {
    expect(isWorkingDay(calendar, '2026-10-07')).toBe(false);
    expect(isWorkingDay(calendar, '2026-10-10')).toBe(true);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (index) => {
        const { date } = dayOf(2026, index);
        const published = { ...calendar, coveredYears: undefined };
        expect(isWorkingDay(calendar, date)).toBe(isWorkingDay(published, date));
      }),
    );
  });

  it('property: provisional years are exactly the uncovered years the span touches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2035 }),
        fc.integer({ min: 0, max: 6 }),
        fc.subarray([2024, 2025, 2026, 2027, 2028, 2030]),
        (firstYear, span, covered) => {
          const withYears: BusinessCalendar = { ...calendar, coveredYears: covered };
          const years = provisionalYearsBetween(
            withYears,
            local(`${firstYear}-06-15 12:00`),
            local(`${firstYear + span}-06-15 12:00`),
          );
          const expected = Array.from({ length: span + 1 }, (_, i) => firstYear + i).filter(
            (year) => !covered.includes(year),
          );
          expect(years).toEqual(expected);
        },
      ),
    );
  });

  it('a calendar without coveredYears (written by hand) treats every year as published', () => {
    const handWritten: BusinessCalendar = { ...calendar, coveredYears: undefined };
    expect(isWorkingDay(handWritten, '2027-01-01')).toBe(true);
    expect(
      provisionalYearsBetween(handWritten, local('2027-01-01 10:00'), local('2028-01-01 10:00')),
    ).toEqual([]);
  });
});

describe('which calendar years must be in the policy', () => {
  it('the current year always, the next one from 1 December', () => {
    expect(requiredCalendarYears('2026-01-01')).toEqual([2026]);
    expect(requiredCalendarYears('2026-11-30')).toEqual([2026]);
    expect(requiredCalendarYears('2026-12-01')).toEqual([2026, 2027]);
    expect(requiredCalendarYears('2026-12-31')).toEqual([2026, 2027]);
    expect(() => requiredCalendarYears('1 Dec 2026')).toThrow(RangeError);
  });

  it('property: a year is missing exactly when required and not covered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2040 }),
        fc.integer({ min: 0, max: 364 }),
        fc.subarray([2022, 2024, 2025, 2026, 2027, 2031, 2036]),
        (year, index, covered) => {
          const { date } = dayOf(year, index);
          const required = date.slice(5, 7) === '12' ? [year, year + 1] : [year];
          expect(missingCalendarYears(covered, date)).toEqual(required.filter((y) => !covered.includes(y)));
        },
      ),
    );
  });

  it('the policy shipping 2025 and 2026 warns from 1 December 2026 in its own time zone', () => {
    const policy = defaultPolicy();
    // 30 November 23:59 in Shanghai is still November.
    expect(checkCalendarYears(policy, new Date('2026-11-30T15:59:00Z'))).toEqual({
      localDate: '2026-11-30',
      missing: [],
      warning: undefined,
    });
    const december = checkCalendarYears(policy, new Date('2026-11-30T16:00:00Z'));
    expect(december).toMatchObject({ localDate: '2026-12-01', missing: [2027] });
    expect(december.warning).toMatch(/no entry for 2027.*calendar\.years\.2027/u);
    expect(checkCalendarYears(policy, new Date('2027-03-01T00:00:00Z')).missing).toEqual([2027]);
  });
});
