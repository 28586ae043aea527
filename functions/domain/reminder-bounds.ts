import { DateTime } from 'luxon';
import { addBusinessMinutes, type BusinessCalendar, isWorkingTime, localDateOf } from './calendar.ts';
import type { Severity } from './vocabulary.ts';

/**
 * How far reminders past the last escalation level may go (policy `escalation.reminders`): senior
 * management is reminded of a late case, not woken every two hours for it.
 */
export interface ReminderBounds {
  /** Reminders of these severities go out in working hours only (the business calendar). */
  workingHoursOnlyFor: readonly Severity[];
  /** At most this many reminders per complaint per business day (a local date of the calendar). */
  maxPerDay: number;
}

/** The reminders a complaint got on one local date. */
export interface RemindersOnDay {
  day: string;
  count: number;
}

/** Enough for a year of days off in a row; a calendar without working time fails in addBusinessMinutes. */
const MAX_STEPS = 800;

const MINUTE_MS = 60_000;

/** The start of the first working window at or after `at` (the instant itself when it is working time). */
const workingTimeFrom = (calendar: BusinessCalendar, at: Date): Date =>
  isWorkingTime(calendar, at)
    ? at
    : // One business minute after `at` ends one minute into the next window: its start is a minute before.
      new Date(addBusinessMinutes(calendar, at, 1).getTime() - MINUTE_MS);

const nextLocalMidnight = (calendar: BusinessCalendar, at: Date): Date =>
  DateTime.fromJSDate(at, { zone: calendar.timeZone }).startOf('day').plus({ days: 1 }).toJSDate();

/**
 * The earliest instant at or after `from` when a reminder about a complaint of `severity` may go
 * out: inside working hours when its severity is bounded to them, and on a day with fewer than
 * `maxPerDay` reminders so far (`sent`: the count of the day of the last reminder).
 */
export const nextReminderTime = (
  calendar: BusinessCalendar,
  bounds: ReminderBounds,
  severity: Severity,
  sent: RemindersOnDay | undefined,
  from: Date,
): Date => {
  const workingHoursOnly = bounds.workingHoursOnlyFor.includes(severity);
  let candidate = from;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (workingHoursOnly) candidate = workingTimeFrom(calendar, candidate);
    const day = localDateOf(calendar, candidate);
    if (sent?.day !== day || sent.count < bounds.maxPerDay) return candidate;
    candidate = nextLocalMidnight(calendar, candidate);
  }
  throw new RangeError(`No time for a reminder within ${MAX_STEPS} days of ${from.toISOString()}`);
};

/** The day's count after one more reminder at `at`. */
export const countReminder = (
  calendar: BusinessCalendar,
  sent: RemindersOnDay | undefined,
  at: Date,
): RemindersOnDay => {
  const day = localDateOf(calendar, at);
  return { day, count: sent?.day === day ? sent.count + 1 : 1 };
};
