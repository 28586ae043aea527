import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessMinutes,
  addDuration,
  addMinutes,
  businessMinutesBetween,
  clockOf,
  durationMinutes,
  isWorkingDay,
  isWorkingTime,
  minutesBetween,
  workingMinutesPerDay,
  type BusinessCalendar,
} from '../../../functions/domain/calendar.ts';

/** Local dates from `first` to `last` inclusive ('YYYY-MM-DD', UTC arithmetic: dates only). */
const dates = (first: string, last: string): string[] => {
  const out: string[] = [];
  for (
    let day = Date.parse(`${first}T00:00:00Z`);
    day <= Date.parse(`${last}T00:00:00Z`);
    day += 86_400_000
  ) {
    out.push(new Date(day).toISOString().slice(0, 10));
  }
  return out;
};

/** The 2026 mainland China calendar (国务院办公厅 2026 holiday arrangement). */
const china: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  weekend: [6, 7],
  holidays: [
    ...dates('2026-01-01', '2026-01-03'), // 元旦
    ...dates('2026-02-15', '2026-02-23'), // 春节
    ...dates('2026-04-04', '2026-04-06'), // 清明
    ...dates('2026-05-01', '2026-05-05'), // 劳动节
    ...dates('2026-06-19', '2026-06-21'), // 端午
    ...dates('2026-09-25', '2026-09-27'), // 中秋
    ...dates('2026-10-01', '2026-10-07'), // 国庆
  ],
  workingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  workingHours: [{ start: '09:00', end: '17:00' }],
  weekend: [6, 7],
  holidays: [],
  workingDays: [],
};

/** A Shanghai local time (UTC+8, no DST) as an instant: local('2026-03-02 09:30'). */
const local = (dateTime: string): Date => new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
const utc = (iso: string): Date => new Date(iso);
const add = (start: Date, minutes: number): Date => addBusinessMinutes(china, start, minutes);

// ——— An independent model of the China calendar (fixed UTC+8, plain arithmetic, no luxon) ———

const MINUTE = 60_000;
const SHANGHAI_OFFSET = 8 * 60 * MINUTE;
/** Berlin: CET (UTC+1), CEST (UTC+2) from 2026-03-29 01:00Z to 2026-10-25 01:00Z. */
const berlinOffset = (ms: number) =>
  ms >= Date.parse('2026-03-29T01:00:00Z') && ms < Date.parse('2026-10-25T01:00:00Z')
    ? 2 * 60 * MINUTE
    : 60 * MINUTE;
const holidaySet = new Set(china.holidays);
const makeUpSet = new Set(china.workingDays);

const localParts = (ms: number, offset: number) => {
  const shifted = new Date(ms + offset);
  const isoWeekday = shifted.getUTCDay() === 0 ? 7 : shifted.getUTCDay();
  const minuteOfDay = shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
  const subMinute = shifted.getUTCSeconds() * 1000 + shifted.getUTCMilliseconds();
  return { date: shifted.toISOString().slice(0, 10), isoWeekday, minuteOfDay, subMinute };
};
const shanghaiParts = (ms: number) => localParts(ms, SHANGHAI_OFFSET);

const modelWorkingDay = (date: string, isoWeekday: number) =>
  makeUpSet.has(date) || (!holidaySet.has(date) && isoWeekday <= 5);

/** Whether the minute starting at `ms` (a whole minute) is a working minute of the China calendar. */
const chinaWorkingMinute = (ms: number): boolean => {
  const { date, isoWeekday, minuteOfDay } = shanghaiParts(ms);
  const inWindow = (minuteOfDay >= 540 && minuteOfDay < 720) || (minuteOfDay >= 780 && minuteOfDay < 1080);
  return inWindow && modelWorkingDay(date, isoWeekday);
};

/** Whether the minute starting at `ms` is a working minute of the Berlin calendar (09:00–17:00, Mon–Fri). */
const berlinWorkingMinute = (ms: number): boolean => {
  const { isoWeekday, minuteOfDay } = localParts(ms, berlinOffset(ms));
  return isoWeekday <= 5 && minuteOfDay >= 540 && minuteOfDay < 1020;
};

/** Brute force: consume whole working minutes one by one from a whole-minute start. */
const modelAdd = (isWorkingMinute: (ms: number) => boolean, startMs: number, minutes: number): number => {
  let cursor = startMs;
  let left = minutes;
  while (left > 0) {
    if (isWorkingMinute(cursor)) left--;
    cursor += MINUTE;
  }
  return cursor;
};

/** Exactly 12:00:00.000 or 18:00:00.000 local on a working day. */
const isWindowEnd = (at: Date): boolean => {
  const { date, isoWeekday, minuteOfDay, subMinute } = shanghaiParts(at.getTime());
  return (
    subMinute === 0 && (minuteOfDay === 720 || minuteOfDay === 1080) && modelWorkingDay(date, isoWeekday)
  );
};

// ——— Generators: instants in 2026 (so the holiday data applies), biased towards boundaries ———

const YEAR_START = local('2026-01-01 00:00').getTime();
const YEAR_END = local('2027-01-01 00:00').getTime();
const DAYS_2026 = 365;
/** Local times around the window edges, in minutes of the day. */
const EDGES = [
  0,
  8 * 60 + 59,
  9 * 60,
  11 * 60 + 59,
  12 * 60,
  12 * 60 + 30,
  13 * 60,
  17 * 60 + 59,
  18 * 60,
  23 * 60 + 59,
];

const anyInstant = fc.integer({ min: YEAR_START, max: YEAR_END - 1 }).map((ms) => new Date(ms));
const edgeInstant = fc
  .tuple(fc.integer({ min: 0, max: DAYS_2026 - 1 }), fc.constantFrom(...EDGES))
  .map(([day, minute]) => new Date(YEAR_START + day * 1440 * MINUTE + minute * MINUTE));
const instant2026 = fc.oneof(anyInstant, edgeInstant);
/** Business minutes with millisecond resolution, up to 30 working days. */
const businessMinutes = fc.integer({ min: 0, max: 30 * 480 * MINUTE }).map((ms) => ms / MINUTE);
const positiveBusinessMinutes = fc.integer({ min: 1, max: 30 * 480 * MINUTE }).map((ms) => ms / MINUTE);
const wholeMinutes = fc.oneof(
  fc.integer({ min: 1, max: 3 * 480 }),
  fc.constantFrom(1, 60, 180, 240, 480, 960, 1440),
);

const RUNS = { numRuns: 400 };

describe('business calendar: days and working time', () => {
  it('sums the working windows into a standard day', () => {
    expect(workingMinutesPerDay(china)).toBe(480);
    expect(workingMinutesPerDay(berlin)).toBe(480);
    expect(workingMinutesPerDay({ ...china, workingHours: [{ start: '08:30', end: '12:15' }] })).toBe(225);
  });

  it('knows weekdays, weekends, public holidays and make-up working days', () => {
    expect(isWorkingDay(china, '2026-03-02')).toBe(true); // Monday
    expect(isWorkingDay(china, '2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay(china, '2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay(china, '2026-01-01')).toBe(false); // 元旦, a Thursday
    expect(isWorkingDay(china, '2026-02-23')).toBe(false); // last day of 春节, a Monday
    expect(isWorkingDay(china, '2026-02-24')).toBe(true); // Tuesday after 春节
    expect(isWorkingDay(china, '2026-01-04')).toBe(true); // make-up Sunday
    expect(isWorkingDay(china, '2026-02-14')).toBe(true); // make-up Saturday
    expect(isWorkingDay(china, '2026-10-10')).toBe(true); // make-up Saturday
    expect(isWorkingDay(china, '2026-10-11')).toBe(false); // the Sunday after
  });

  it('rejects a malformed local date', () => {
    expect(() => isWorkingDay(china, '2026-3-2')).toThrow(RangeError);
    expect(() => isWorkingDay(china, '2026-02-30')).toThrow(RangeError);
  });

  it('treats a window as [start, end)', () => {
    expect(isWorkingTime(china, local('2026-03-02 09:00'))).toBe(true);
    expect(isWorkingTime(china, local('2026-03-02 08:59'))).toBe(false);
    expect(isWorkingTime(china, new Date(local('2026-03-02 12:00').getTime() - 1))).toBe(true);
    expect(isWorkingTime(china, local('2026-03-02 12:00'))).toBe(false);
    expect(isWorkingTime(china, local('2026-03-02 12:30'))).toBe(false);
    expect(isWorkingTime(china, local('2026-03-02 13:00'))).toBe(true);
    expect(isWorkingTime(china, local('2026-03-02 18:00'))).toBe(false);
    expect(isWorkingTime(china, local('2026-03-07 10:00'))).toBe(false); // Saturday
    expect(isWorkingTime(china, local('2026-02-14 10:00'))).toBe(true); // make-up Saturday
    expect(isWorkingTime(china, local('2026-10-01 10:00'))).toBe(false); // 国庆
  });
});

describe('addBusinessMinutes: examples (2026, Asia/Shanghai = UTC+8)', () => {
  it('stays within one window', () => {
    expect(add(local('2026-03-02 09:30'), 60)).toEqual(utc('2026-03-02T02:30:00.000Z'));
  });

  it('skips the lunch break', () => {
    expect(add(local('2026-03-02 11:30'), 60)).toEqual(utc('2026-03-02T05:30:00.000Z')); // 13:30
  });

  it('skips the night', () => {
    expect(add(local('2026-03-02 17:00'), 120)).toEqual(utc('2026-03-03T02:00:00.000Z')); // Tue 10:00
  });

  it('goes from Friday afternoon to Monday', () => {
    expect(add(local('2026-03-06 17:00'), 120)).toEqual(utc('2026-03-09T02:00:00.000Z')); // Mon 10:00
  });

  it('counts a complaint submitted on Saturday night from Monday 09:00', () => {
    expect(add(local('2026-03-07 22:00'), 30)).toEqual(utc('2026-03-09T01:30:00.000Z')); // Mon 09:30
    expect(add(local('2026-03-07 22:00'), 480)).toEqual(utc('2026-03-09T10:00:00.000Z')); // Mon 18:00
  });

  it('crosses the Spring Festival, counting the make-up Saturday', () => {
    // Fri 02-13 10:00–18:00 = 7 h, Sat 02-14 (调休) = 8 h, 02-15…02-23 closed, Tue 02-24 = 8 h,
    // so the last hour of 3 × 8 h falls on Wed 02-25 09:00–10:00.
    expect(add(local('2026-02-13 10:00'), 3 * 480)).toEqual(utc('2026-02-25T02:00:00.000Z'));
    expect(addDuration(china, local('2026-02-13 10:00'), { workingDays: 3 })).toEqual(
      utc('2026-02-25T02:00:00.000Z'),
    );
    // Without the make-up day the same target would end a whole day later.
    const noMakeUp = { ...china, workingDays: [] };
    expect(addBusinessMinutes(noMakeUp, local('2026-02-13 10:00'), 3 * 480)).toEqual(
      utc('2026-02-26T02:00:00.000Z'),
    );
  });

  it('counts the make-up Sunday after New Year', () => {
    // Wed 2025-12-31 17:00–18:00, then 01-01…01-03 are holidays and Sun 01-04 is a working day.
    expect(add(local('2025-12-31 17:00'), 120)).toEqual(utc('2026-01-04T02:00:00.000Z')); // Sun 10:00
  });

  it('keeps a deadline that exactly uses up a window at the window end', () => {
    expect(add(local('2026-03-02 17:00'), 60)).toEqual(utc('2026-03-02T10:00:00.000Z')); // 18:00
    expect(add(local('2026-03-02 09:00'), 480)).toEqual(utc('2026-03-02T10:00:00.000Z')); // 18:00
    expect(add(local('2026-03-02 10:00'), 120)).toEqual(utc('2026-03-02T04:00:00.000Z')); // 12:00
    expect(add(local('2026-03-06 09:00'), 480)).toEqual(utc('2026-03-06T10:00:00.000Z')); // Fri 18:00
    expect(add(local('2026-03-07 10:00'), 480)).toEqual(utc('2026-03-09T10:00:00.000Z')); // Sat → Mon 18:00
  });

  it('starts at 12:00, at 18:00 and at 08:59', () => {
    expect(add(local('2026-03-02 12:00'), 30)).toEqual(utc('2026-03-02T05:30:00.000Z')); // 13:30
    expect(add(local('2026-03-02 18:00'), 30)).toEqual(utc('2026-03-03T01:30:00.000Z')); // Tue 09:30
    expect(add(local('2026-03-02 08:59'), 30)).toEqual(utc('2026-03-02T01:30:00.000Z')); // 09:30
    expect(add(local('2026-03-02 08:59'), 180)).toEqual(utc('2026-03-02T04:00:00.000Z')); // 12:00
  });

  it('returns the start unchanged for 0 minutes, even outside working time', () => {
    expect(add(local('2026-03-07 22:00'), 0)).toEqual(local('2026-03-07 22:00'));
    expect(add(local('2026-03-02 18:00'), 0)).toEqual(local('2026-03-02 18:00'));
  });

  it('handles fractional minutes with millisecond precision', () => {
    expect(add(local('2026-03-02 11:59'), 1.5)).toEqual(utc('2026-03-02T05:00:30.000Z')); // 13:00:30
    expect(add(local('2026-03-02 09:00'), 0.001)).toEqual(utc('2026-03-02T01:00:00.060Z'));
    // A positive amount below one millisecond still moves past the window start.
    expect(add(local('2026-03-02 08:00'), 1e-9)).toEqual(utc('2026-03-02T01:00:00.001Z'));
  });
});

describe('durations and clocks', () => {
  it('tells the clock of a duration', () => {
    expect(clockOf({ hours: 4 })).toBe('wall');
    expect(clockOf({ minutes: 30 })).toBe('wall');
    expect(clockOf({ workingHours: 4 })).toBe('business');
    expect(clockOf({ workingDays: 2 })).toBe('business');
  });

  it('converts durations to minutes on their own clock', () => {
    expect(durationMinutes(china, { hours: 1.5 })).toBe(90);
    expect(durationMinutes(china, { minutes: 45 })).toBe(45);
    expect(durationMinutes(china, { workingHours: 4 })).toBe(240);
    expect(durationMinutes(china, { workingDays: 2 })).toBe(960);
    expect(
      durationMinutes({ ...china, workingHours: [{ start: '09:00', end: '16:30' }] }, { workingDays: 2 }),
    ).toBe(900);
  });

  it('makes 5 working days from a Monday 10:00 end the next Monday 10:00', () => {
    expect(addDuration(china, local('2026-03-02 10:00'), { workingDays: 5 })).toEqual(
      utc('2026-03-09T02:00:00.000Z'),
    );
    expect(addDuration(china, local('2026-03-02 10:00'), { workingHours: 4 })).toEqual(
      utc('2026-03-02T07:00:00.000Z'), // 10–12 and 13–15
    );
  });

  it('counts wall-clock durations 24×7, whatever the calendar says', () => {
    expect(addDuration(china, local('2026-03-07 22:00'), { hours: 24 })).toEqual(
      utc('2026-03-08T14:00:00.000Z'),
    );
    expect(addDuration(china, local('2026-10-01 10:00'), { minutes: 90 })).toEqual(
      utc('2026-10-01T03:30:00.000Z'),
    );
    expect(addMinutes(china, 'wall', local('2026-02-15 10:00'), 60)).toEqual(utc('2026-02-15T03:00:00.000Z'));
  });

  it('measures time between instants on either clock', () => {
    const from = local('2026-03-06 17:00'); // Friday
    const to = local('2026-03-09 10:00'); // Monday
    expect(minutesBetween(china, 'wall', from, to)).toBe(65 * 60);
    expect(minutesBetween(china, 'business', from, to)).toBe(120);
    expect(businessMinutesBetween(china, from, to)).toBe(120);
    expect(minutesBetween(china, 'wall', to, from)).toBe(0);
    expect(minutesBetween(china, 'business', to, from)).toBe(0);
    expect(businessMinutesBetween(china, local('2026-02-13 10:00'), local('2026-02-25 10:00'))).toBe(3 * 480);
    expect(businessMinutesBetween(china, local('2026-03-07 00:00'), local('2026-03-08 23:59'))).toBe(0);
  });

  it('adds on the business clock through addMinutes', () => {
    expect(addMinutes(china, 'business', local('2026-03-06 17:00'), 120)).toEqual(
      utc('2026-03-09T02:00:00.000Z'),
    );
  });
});

describe('another time zone: Europe/Berlin over the 2026-03-29 DST switch', () => {
  it('places Monday 09:00 at 09:00 summer time after the clocks go forward', () => {
    // Fri 03-27 16:00 CET (UTC+1) + 2 h: 16–17 on Friday, then Mon 03-30 09:00–10:00 CEST (UTC+2).
    const friday = utc('2026-03-27T15:00:00Z');
    expect(addBusinessMinutes(berlin, friday, 120)).toEqual(utc('2026-03-30T08:00:00.000Z'));
    expect(businessMinutesBetween(berlin, friday, utc('2026-03-30T08:00:00Z'))).toBe(120);
    expect(isWorkingTime(berlin, utc('2026-03-30T07:00:00Z'))).toBe(true); // 09:00 CEST
    expect(isWorkingTime(berlin, utc('2026-03-30T06:30:00Z'))).toBe(false); // 08:30 CEST
    expect(isWorkingTime(berlin, utc('2026-03-27T15:30:00Z'))).toBe(true); // 16:30 CET
    expect(isWorkingTime(berlin, utc('2026-03-27T16:00:00Z'))).toBe(false); // 17:00 CET
  });

  it('places a night window that spans the DST gap and the repeated hour by real elapsed time', () => {
    const nights: BusinessCalendar = {
      ...berlin,
      workingHours: [{ start: '01:00', end: '04:00' }],
      weekend: [],
    };
    // 03-29: 01:00 CET (00:00Z) → 04:00 CEST (02:00Z), 2 h; 10-25: 01:00 CEST (23:00Z) → 04:00 CET (03:00Z), 4 h.
    const day = (from: string, to: string) => businessMinutesBetween(nights, utc(from), utc(to));
    expect(day('2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toBe(120);
    expect(day('2026-03-27T12:00:00Z', '2026-03-28T12:00:00Z')).toBe(180);
    expect(day('2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z')).toBe(240);
    expect(addBusinessMinutes(nights, utc('2026-03-29T00:00:00Z'), 120)).toEqual(
      utc('2026-03-29T02:00:00.000Z'),
    );
    expect(addBusinessMinutes(nights, utc('2026-03-29T00:00:00Z'), 121)).toEqual(
      utc('2026-03-29T23:01:00.000Z'), // Mon 03-30 01:01 CEST,
    );
    expect(addBusinessMinutes(nights, utc('2026-10-24T23:00:00Z'), 240)).toEqual(
      utc('2026-10-25T03:00:00.000Z'),
    );
  });

  it('counts the real length of a round-the-clock day on the DST switch days', () => {
    const always: BusinessCalendar = {
      ...berlin,
      workingHours: [{ start: '00:00', end: '24:00' }],
      weekend: [],
    };
    // 2026-03-29: 23 hours (02:00 → 03:00); 2026-10-25: 25 hours (03:00 → 02:00).
    expect(businessMinutesBetween(always, utc('2026-03-28T23:00:00Z'), utc('2026-03-29T22:00:00Z'))).toBe(
      23 * 60,
    );
    expect(businessMinutesBetween(always, utc('2026-10-24T22:00:00Z'), utc('2026-10-25T23:00:00Z'))).toBe(
      25 * 60,
    );
    expect(addBusinessMinutes(always, utc('2026-03-28T23:00:00Z'), 23 * 60)).toEqual(
      utc('2026-03-29T22:00:00.000Z'),
    );
  });
});

describe('invalid input', () => {
  const start = local('2026-03-02 10:00');

  it('rejects negative, NaN and infinite minutes', () => {
    expect(() => add(start, -1)).toThrow(RangeError);
    expect(() => add(start, Number.NaN)).toThrow(RangeError);
    expect(() => add(start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addMinutes(china, 'wall', start, -5)).toThrow(RangeError);
    expect(() => addDuration(china, start, { hours: Number.NaN })).toThrow(RangeError);
  });

  it('rejects an invalid start date', () => {
    expect(() => add(new Date(Number.NaN), 10)).toThrow(RangeError);
  });

  it('throws instead of looping forever when there is no working time', () => {
    expect(() => addBusinessMinutes({ ...china, workingHours: [] }, start, 10)).toThrow(RangeError);
    expect(() =>
      addBusinessMinutes({ ...china, weekend: [1, 2, 3, 4, 5, 6, 7], workingDays: [] }, start, 10),
    ).toThrow(RangeError);
    // Working days only in the past: the scan is bounded.
    expect(() =>
      addBusinessMinutes(
        { ...china, weekend: [1, 2, 3, 4, 5, 6, 7], workingDays: ['2025-01-06'] },
        start,
        10,
      ),
    ).toThrow(/No working time/u);
  });

  it('rejects malformed windows and time zones', () => {
    expect(() =>
      addBusinessMinutes({ ...china, workingHours: [{ start: '18:00', end: '09:00' }] }, start, 1),
    ).toThrow(RangeError);
    expect(() =>
      addBusinessMinutes(
        {
          ...china,
          workingHours: [
            { start: '09:00', end: '13:00' },
            { start: '12:00', end: '18:00' },
          ],
        },
        start,
        1,
      ),
    ).toThrow(RangeError);
    expect(() =>
      addBusinessMinutes({ ...china, workingHours: [{ start: '9:00', end: '18:00' }] }, start, 1),
    ).toThrow(RangeError);
    expect(() => addBusinessMinutes({ ...china, timeZone: 'Mars/Olympus' }, start, 1)).toThrow(RangeError);
  });
});

describe('addBusinessMinutes: properties (2026, China calendar)', () => {
  it('lands inside working time or exactly at a window end, never before the start', () => {
    fc.assert(
      fc.property(instant2026, positiveBusinessMinutes, (start, minutes) => {
        const due = add(start, minutes);
        expect(isWorkingTime(china, due) || isWindowEnd(due)).toBe(true);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        // (windowStart, windowEnd]: the millisecond just before the deadline is working time.
        expect(isWorkingTime(china, new Date(due.getTime() - 1))).toBe(true);
      }),
      RUNS,
    );
  });

  it('agrees with a minute-by-minute brute force on whole minutes', () => {
    const wholeMinuteStart = instant2026.map(
      (date) => new Date(Math.floor(date.getTime() / MINUTE) * MINUTE),
    );
    fc.assert(
      fc.property(wholeMinuteStart, wholeMinutes, (start, minutes) => {
        expect(add(start, minutes).getTime()).toBe(modelAdd(chinaWorkingMinute, start.getTime(), minutes));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a brute force in Berlin around both 2026 DST switches', () => {
    // Starts in the weeks around 2026-03-29 and 2026-10-25, on whole minutes.
    const aroundSwitch = fc
      .tuple(
        fc.constantFrom(Date.parse('2026-03-22T00:00:00Z'), Date.parse('2026-10-18T00:00:00Z')),
        fc.integer({ min: 0, max: 14 * 1440 - 1 }),
      )
      .map(([base, minute]) => new Date(base + minute * MINUTE));
    fc.assert(
      fc.property(aroundSwitch, wholeMinutes, (start, minutes) => {
        const due = addBusinessMinutes(berlin, start, minutes);
        expect(due.getTime()).toBe(modelAdd(berlinWorkingMinute, start.getTime(), minutes));
        expect(businessMinutesBetween(berlin, start, due)).toBe(minutes);
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in the target', () => {
    fc.assert(
      fc.property(instant2026, businessMinutes, businessMinutes, (start, a, b) => {
        const [m1, m2] = a <= b ? [a, b] : [b, a];
        expect(add(start, m1).getTime()).toBeLessThanOrEqual(add(start, m2).getTime());
      }),
      RUNS,
    );
  });

  it('is additive: add(add(s, a), b) = add(s, a + b)', () => {
    fc.assert(
      fc.property(instant2026, positiveBusinessMinutes, businessMinutes, (start, a, b) => {
        const stepwise = add(add(start, a), b).getTime();
        const atOnce = add(start, a + b).getTime();
        expect(Math.abs(stepwise - atOnce)).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('round-trips: businessMinutesBetween(s, add(s, m)) = m', () => {
    fc.assert(
      fc.property(instant2026, businessMinutes, (start, minutes) => {
        expect(businessMinutesBetween(china, start, add(start, minutes))).toBeCloseTo(minutes, 6);
      }),
      RUNS,
    );
  });

  it('counts between two instants no more than the wall clock, and never negative', () => {
    fc.assert(
      fc.property(instant2026, instant2026, (from, to) => {
        const business = businessMinutesBetween(china, from, to);
        const wall = minutesBetween(china, 'wall', from, to);
        expect(business).toBeGreaterThanOrEqual(0);
        expect(business).toBeLessThanOrEqual(wall);
        if (to <= from) expect(business).toBe(0);
        // Adding back what was measured never overshoots `to` and leaves no business time before it.
        const reached = add(from, business);
        if (business > 0) expect(reached.getTime()).toBeLessThanOrEqual(to.getTime());
        expect(businessMinutesBetween(china, reached, to)).toBe(0);
      }),
      RUNS,
    );
  });
});
