import { DateTime, IANAZone, type Zone } from 'luxon';

/**
 * The business calendar: when the organisation works, and how SLA time is counted on it.
 *
 * Two clocks exist. The wall clock runs 24×7. The business clock only runs inside the working
 * windows (e.g. 09:00–12:00 and 13:00–18:00) of working days, in the calendar's own time zone:
 * nights, the lunch break, weekends and public holidays are skipped, while make-up working days
 * (调休: a Saturday or Sunday declared a working day) count like any weekday.
 *
 * Every business duration is converted to business *minutes* before it is applied, a
 * `{ workingDays: n }` target included: one working day is one standard day's worth of working
 * minutes (the sum of the windows, 8 h for the default calendar), not "the same time on the n-th
 * next working day". A single unit is what lets deadlines compose: a clock that is paused and
 * resumed keeps exactly the business minutes it had left, a complaint received at 15:00 has its
 * partial first day counted like any other time, and `add(add(s, a), b) = add(s, a + b)`.
 *
 * Deadline convention: adding m > 0 business minutes lands inside a working window, in the
 * interval (windowStart, windowEnd]. A deadline that uses up a window exactly is that window's
 * end (18:00 today), never the start of the next one (09:00 tomorrow) — the same business time,
 * but the earlier instant is the honest one to show a customer. Adding 0 leaves the start as is.
 *
 * Everything here is pure: no I/O, no module state (the calendar's arrays become Sets per call).
 * Windows are placed by their local wall time on each day, in the calendar's zone, with luxon's
 * zone offsets and luxon's own wall-time-to-instant rule, so DST days come out right: business time
 * is real elapsed time inside the windows. The walk goes window by window, never minute by minute,
 * and asks for offsets only on working days (about two look-ups each), which keeps a 10-working-day
 * addition well under a millisecond.
 */

export interface WorkingWindow {
  /** Local time 'HH:mm'. */
  start: string;
  /** Local time 'HH:mm' ('24:00' allowed for midnight at the end of the day). */
  end: string;
}

export interface BusinessCalendar {
  /** IANA time zone, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** Sorted, non-overlapping windows with start < end. */
  workingHours: WorkingWindow[];
  /** ISO weekdays that are off: 6 = Saturday, 7 = Sunday. */
  weekend: number[];
  /** 'YYYY-MM-DD' local dates that are off (public holidays). */
  holidays: string[];
  /** 'YYYY-MM-DD' local dates that are working days even on a weekend (调休 make-up days). */
  workingDays: string[];
  /**
   * The years whose holidays and make-up days above are the published ones. A year outside it gets
   * the statutory fixed-date holidays (PROVISIONAL_HOLIDAYS) and its results are provisional; absent,
   * every year counts as covered (a calendar written by hand, as in tests).
   */
  coveredYears?: readonly number[] | undefined;
}

/**
 * The fixed-date public holidays of the State Council's 全国年节及纪念日放假办法 as revised by decree
 * No. 795 (in force since 1 January 2025): New Year's Day (1 Jan), Labour Day (1–2 May), National
 * Day (1–3 Oct), as 'MM-DD'. The lunar holidays (Spring Festival, Dragon Boat, Mid-Autumn) and
 * Qingming move every year, and the make-up days are announced each year, so a year not in the
 * policy gets these only: fewer days off than the real calendar, never a holiday that is not one.
 */
export const PROVISIONAL_HOLIDAYS: readonly string[] = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];

/** A length of time on one of two clocks: wall-clock (24×7) or business time. */
export type SlaDuration =
  | { hours: number }
  | { minutes: number }
  | { workingHours: number }
  /** One working day = the calendar's total working minutes per day. */
  | { workingDays: number };

export type ClockKind = 'wall' | 'business';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** How far a business-time addition may look ahead before concluding there is no working time. */
const MAX_DAYS_SCANNED = 3660;

/** A working window as local minutes of the day, [start, end). */
interface WindowMinutes {
  start: number;
  end: number;
}

/** The calendar parsed once per call: the zone, windows in minutes, day lists as sets. */
interface Prepared {
  zone: Zone;
  windows: WindowMinutes[];
  weekend: Set<number>;
  holidays: Set<string>;
  workingDays: Set<string>;
  /** Undefined: every year is covered. */
  coveredYears: Set<number> | undefined;
}

/**
 * A local calendar day, as the epoch milliseconds of its midnight read as if it were UTC. Days are
 * stepped by plain arithmetic (+ 24 h) on this value, which is exact because it is a date, not an
 * instant; instants are only derived from it through the zone's offsets.
 */
type LocalDay = number;

const parseLocalTime = (value: string, what: string): number => {
  const match = /^(\d{2}):(\d{2})$/u.exec(value);
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 24 || minute > 59 || (hour === 24 && minute !== 0)) {
    throw new RangeError(`Working window ${what} must be 'HH:mm', got '${value}'`);
  }
  return hour * 60 + minute;
};

const parseWindows = (workingHours: WorkingWindow[]): WindowMinutes[] => {
  const windows = workingHours.map((window) => ({
    start: parseLocalTime(window.start, 'start'),
    end: parseLocalTime(window.end, 'end'),
  }));
  windows.forEach((window, index) => {
    if (window.start >= window.end || (index > 0 && windows[index - 1]!.end > window.start)) {
      throw new RangeError('Working windows must be sorted, non-overlapping and have start < end');
    }
  });
  return windows;
};

const prepare = (calendar: BusinessCalendar): Prepared => {
  const zone = IANAZone.create(calendar.timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone '${calendar.timeZone}'`);
  return {
    zone,
    windows: parseWindows(calendar.workingHours),
    weekend: new Set(calendar.weekend),
    holidays: new Set(calendar.holidays),
    workingDays: new Set(calendar.workingDays),
    coveredYears: calendar.coveredYears && new Set(calendar.coveredYears),
  };
};

const PROVISIONAL_HOLIDAY_SET = new Set(PROVISIONAL_HOLIDAYS);

const isCoveredYear = (cal: Prepared, year: number): boolean => cal.coveredYears?.has(year) ?? true;

const checkInstant = (date: Date, what: string): number => {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date`);
  return ms;
};

const checkMinutes = (minutes: number): void => {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Minutes must be a finite number ≥ 0, got ${minutes}`);
  }
};

/**
 * Whole milliseconds (instants have millisecond resolution). A positive amount is at least 1 ms,
 * so that adding any m > 0 moves strictly past the start, into (windowStart, windowEnd].
 */
const toMilliseconds = (minutes: number): number =>
  minutes > 0 ? Math.max(1, Math.round(minutes * MS_PER_MINUTE)) : 0;

const isWorkingDate = (cal: Prepared, isoDate: string, isoWeekday: number): boolean => {
  if (cal.workingDays.has(isoDate)) return true;
  if (cal.holidays.has(isoDate)) return false;
  if (!isCoveredYear(cal, Number(isoDate.slice(0, 4))) && PROVISIONAL_HOLIDAY_SET.has(isoDate.slice(5))) {
    return false;
  }
  return !cal.weekend.has(isoWeekday);
};

/** The local day an instant falls on. */
const localDayOf = (cal: Prepared, ms: number): LocalDay => {
  const wallClock = ms + cal.zone.offset(ms) * MS_PER_MINUTE;
  return Math.floor(wallClock / MS_PER_DAY) * MS_PER_DAY;
};

const isoDateOf = (day: LocalDay): string => new Date(day).toISOString().slice(0, 10);

const isoWeekdayOf = (day: LocalDay): number => new Date(day).getUTCDay() || 7;

/**
 * The instant of a local wall-clock time (as-if-UTC milliseconds), from a guess of the offset:
 * luxon's own algorithm (`DateTime#set` uses it). A time in a DST gap moves forward by the gap; an
 * ambiguous time (DST end) takes the guessed offset when it fits. Returns [instant, offset].
 */
const instantOf = (zone: Zone, wallClock: number, guess: number): [number, number] => {
  const first = wallClock - guess * MS_PER_MINUTE;
  const o2 = zone.offset(first);
  if (o2 === guess) return [first, guess];
  const second = first - (o2 - guess) * MS_PER_MINUTE;
  const o3 = zone.offset(second);
  if (o2 === o3) return [second, o2];
  return [wallClock - Math.min(o2, o3) * MS_PER_MINUTE, Math.max(o2, o3)];
};

/**
 * The working windows of one local day as epoch-millisecond intervals [start, end), sorted and
 * disjoint, or none on a day off; `guess` is an offset of the zone near that day. Each boundary is
 * the local wall time on that day, so DST days get the right instants. Usually the offset is the
 * same at the start of the first window and the end of the last, and two look-ups place them all;
 * otherwise every boundary is resolved on its own, and a window that collapses in a DST gap is
 * dropped. Returns the intervals and the offset at the end of the day's working time.
 */
const windowsOn = (
  cal: Prepared,
  day: LocalDay,
  guess: number,
): { intervals: [number, number][]; offset: number } => {
  const first = cal.windows[0];
  const last = cal.windows[cal.windows.length - 1];
  if (!first || !last || !isWorkingDate(cal, isoDateOf(day), isoWeekdayOf(day))) {
    return { intervals: [], offset: guess };
  }
  const wallClock = (minutes: number) => day + minutes * MS_PER_MINUTE;
  const [firstStart, offset] = instantOf(cal.zone, wallClock(first.start), guess);
  const endOffset = cal.zone.offset(wallClock(last.end) - offset * MS_PER_MINUTE);
  const at =
    endOffset === offset
      ? (minutes: number) => wallClock(minutes) - offset * MS_PER_MINUTE
      : (minutes: number) => instantOf(cal.zone, wallClock(minutes), offset)[0];
  const intervals: [number, number][] = [];
  let previousEnd = firstStart;
  cal.windows.forEach((window, index) => {
    const start = Math.max(index === 0 ? firstStart : at(window.start), previousEnd);
    const end = at(window.end);
    if (start < end) {
      intervals.push([start, end]);
      previousEnd = end;
    }
  });
  return { intervals, offset: endOffset };
};

/** Which clock a duration runs on. */
export const clockOf = (duration: SlaDuration): ClockKind =>
  'hours' in duration || 'minutes' in duration ? 'wall' : 'business';

/** The calendar's standard working day in minutes (the sum of its windows). */
export const workingMinutesPerDay = (calendar: BusinessCalendar): number =>
  parseWindows(calendar.workingHours).reduce((sum, window) => sum + window.end - window.start, 0);

/** A duration in minutes on its own clock (wall minutes, or business minutes). */
export const durationMinutes = (calendar: BusinessCalendar, duration: SlaDuration): number => {
  if ('hours' in duration) return duration.hours * 60;
  if ('minutes' in duration) return duration.minutes;
  if ('workingHours' in duration) return duration.workingHours * 60;
  return duration.workingDays * workingMinutesPerDay(calendar);
};

/** Whether a local date is a working day: make-up day → yes; holiday → no; else not a weekend day. */
export const isWorkingDay = (calendar: BusinessCalendar, localDate: string): boolean => {
  const date = DateTime.fromISO(localDate, { zone: 'utc' });
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(localDate) || !date.isValid) {
    throw new RangeError(`Expected a local date 'YYYY-MM-DD', got '${localDate}'`);
  }
  const cal = prepare(calendar);
  return isWorkingDate(cal, localDate, date.weekday);
};

/** Whether an instant falls inside a working window [start, end) of a working day. */
export const isWorkingTime = (calendar: BusinessCalendar, at: Date): boolean => {
  const cal = prepare(calendar);
  const ms = checkInstant(at, 'at');
  const { intervals } = windowsOn(cal, localDayOf(cal, ms), cal.zone.offset(ms));
  return intervals.some(([start, end]) => start <= ms && ms < end);
};

/**
 * The instant `minutes` business minutes after `start`. For minutes > 0 the result lies in
 * (windowStart, windowEnd] of some working window; for 0 it is `start`.
 */
export const addBusinessMinutes = (calendar: BusinessCalendar, start: Date, minutes: number): Date => {
  checkMinutes(minutes);
  const cal = prepare(calendar);
  let cursor = checkInstant(start, 'start');
  let remaining = toMilliseconds(minutes);
  if (remaining === 0) return new Date(cursor);
  if (cal.windows.length === 0) throw new RangeError('The calendar has no working hours');
  if ([1, 2, 3, 4, 5, 6, 7].every((weekday) => cal.weekend.has(weekday)) && cal.workingDays.size === 0) {
    throw new RangeError('The calendar has no working days');
  }

  let day = localDayOf(cal, cursor);
  let offset = cal.zone.offset(cursor);
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, day += MS_PER_DAY) {
    const found = windowsOn(cal, day, offset);
    offset = found.offset;
    for (const [windowStart, windowEnd] of found.intervals) {
      if (windowEnd <= cursor) continue;
      const from = Math.max(windowStart, cursor);
      const available = windowEnd - from;
      // `<=`: a deadline that uses up the window exactly is the window's end.
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
      cursor = windowEnd;
    }
  }
  throw new RangeError(
    `No working time found within ${MAX_DAYS_SCANNED} days of ${start.toISOString()} (the calendar has no working days?)`,
  );
};

/** Business minutes in [from, to); 0 if to <= from. The inverse of addBusinessMinutes. */
export const businessMinutesBetween = (calendar: BusinessCalendar, from: Date, to: Date): number => {
  const fromMs = checkInstant(from, 'from');
  const toMs = checkInstant(to, 'to');
  if (toMs <= fromMs) return 0;
  const cal = prepare(calendar);
  const lastDay = localDayOf(cal, toMs);
  let offset = cal.zone.offset(fromMs);
  let total = 0;
  for (let day = localDayOf(cal, fromMs); day <= lastDay; day += MS_PER_DAY) {
    const found = windowsOn(cal, day, offset);
    offset = found.offset;
    for (const [windowStart, windowEnd] of found.intervals) {
      total += Math.max(0, Math.min(windowEnd, toMs) - Math.max(windowStart, fromMs));
    }
  }
  return total / MS_PER_MINUTE;
};

/** `minutes` later on the given clock: wall time, or business time. */
export const addMinutes = (
  calendar: BusinessCalendar,
  kind: ClockKind,
  start: Date,
  minutes: number,
): Date => {
  if (kind === 'business') return addBusinessMinutes(calendar, start, minutes);
  checkMinutes(minutes);
  return new Date(checkInstant(start, 'start') + toMilliseconds(minutes));
};

/** Minutes from `from` to `to` on the given clock; 0 if to <= from (on both clocks). */
export const minutesBetween = (calendar: BusinessCalendar, kind: ClockKind, from: Date, to: Date): number => {
  if (kind === 'business') return businessMinutesBetween(calendar, from, to);
  return Math.max(0, checkInstant(to, 'to') - checkInstant(from, 'from')) / MS_PER_MINUTE;
};

/** The instant a duration after `start`, on the duration's own clock. */
export const addDuration = (calendar: BusinessCalendar, start: Date, duration: SlaDuration): Date =>
  addMinutes(calendar, clockOf(duration), start, durationMinutes(calendar, duration));

/**
 * The years outside the calendar's covered years that the local days from `from` to `to` (both
 * included, in the calendar's zone) fall in: a result computed over that span used the provisional
 * holidays. Empty when every year is covered.
 */
export const provisionalYearsBetween = (calendar: BusinessCalendar, from: Date, to: Date): number[] => {
  const cal = prepare(calendar);
  if (!cal.coveredYears) return [];
  const yearOf = (ms: number) => new Date(localDayOf(cal, ms)).getUTCFullYear();
  const first = yearOf(checkInstant(from, 'from'));
  const last = yearOf(checkInstant(to, 'to'));
  const years: number[] = [];
  for (let year = first; year <= last; year++) if (!isCoveredYear(cal, year)) years.push(year);
  return years;
};

/**
 * The calendar years that must be in the policy on a given local date: the current one always, and
 * from 1 December the next one too (a deadline set in December may run into January).
 */
export const requiredCalendarYears = (localDate: string): number[] => {
  const match = /^(\d{4})-(\d{2})-\d{2}$/u.exec(localDate);
  if (!match) throw new RangeError(`Expected a local date 'YYYY-MM-DD', got '${localDate}'`);
  const year = Number(match[1]);
  return match[2] === '12' ? [year, year + 1] : [year];
};

/** The required calendar years (requiredCalendarYears) missing from `coveredYears`; empty when none is. */
export const missingCalendarYears = (coveredYears: readonly number[], localDate: string): number[] =>
  requiredCalendarYears(localDate).filter((year) => !coveredYears.includes(year));

/** The local date ('YYYY-MM-DD') of an instant in the calendar's time zone. */
export const localDateOf = (calendar: Pick<BusinessCalendar, 'timeZone'>, at: Date): string => {
  const date = DateTime.fromJSDate(at, { zone: calendar.timeZone });
  if (!date.isValid) throw new RangeError(`Cannot place ${String(at)} in ${calendar.timeZone}`);
  return date.toISODate();
};
