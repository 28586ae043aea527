import ICAL from 'ical.js';
import {
  type CalendarYearDays,
  daysOf,
  type HolidayPeriod,
  type MakeUpWorkingDay,
  nextDay,
} from './calendar-year-entry.ts';

/**
 * One year of holidays and make-up working days read from an iCalendar (.ics) file, as China's
 * official holiday calendars are published (the State Council's notice turned into a calendar by
 * calendar apps and public feeds). Parsing is ical.js's (RFC 5545: folding, escapes, DTEND/DURATION);
 * this maps its events:
 * - an all-day VEVENT (DTSTART;VALUE=DATE) is a run of days off, DTEND exclusive as RFC 5545 says;
 * - one whose SUMMARY contains 班 (班, 上班, 补班), "workday", "working day" or "make-up" / "makeup"
 *   is a make-up working day (调休) instead, each of its days;
 * - timed events, recurring events (RRULE: holidays move every year, a rule cannot say where) and
 *   days outside the chosen year are skipped, each with the reason, for the preview to show.
 * A day both off and worked in the file counts as worked (the file says so explicitly) and is listed.
 * Feeds that publish one event per day ("春节 假期 第1天/共9天") are joined into one period: the day
 * counter and a trailing （休）/（班） mark are dropped from the name, and adjacent days of one name merge.
 */

export const MAKE_UP_WORKDAY = /班|workday|working day|make-?up/iu;

export type SkipReason = 'not-all-day' | 'recurring' | 'other-year' | 'holiday-and-working-day';

export interface SkippedEvent {
  summary: string;
  /** The event's first day (YYYY-MM-DD), or its start as written when it is not a date. */
  start: string;
  reason: SkipReason;
}

export interface IcsCalendarYear extends CalendarYearDays {
  year: number;
  skipped: SkippedEvent[];
}

/** Throws an Error with ical.js's message when the text is not iCalendar. */
export const calendarYearFromIcs = (ics: string, year: number): IcsCalendarYear => {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const holidays: HolidayPeriod[] = [];
  const workingDays: MakeUpWorkingDay[] = [];
  const skipped: SkippedEvent[] = [];
  const prefix = `${year}-`;
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const summary = (event.summary ?? '').trim();
    const start = event.startDate;
    if (!start?.isDate) {
      skipped.push({ summary, start: start?.toString() ?? '', reason: 'not-all-day' });
      continue;
    }
    const first = start.toString();
    if (component.hasProperty('rrule')) {
      skipped.push({ summary, start: first, reason: 'recurring' });
      continue;
    }
    // DTEND is exclusive; without DTEND or DURATION an all-day event is its one day.
    const end = event.endDate;
    const last = end && end.compare(start) > 0 ? dayBefore(end) : first;
    const days = daysOf(first, last);
    const inYear = days.filter((day) => day.startsWith(prefix));
    if (inYear.length === 0) {
      skipped.push({ summary, start: first, reason: 'other-year' });
      continue;
    }
    const name = periodName(summary);
    if (MAKE_UP_WORKDAY.test(summary)) {
      for (const date of inYear) workingDays.push({ name, date });
    } else {
      holidays.push({ name, from: inYear[0]!, to: inYear.at(-1)! });
    }
  }
  const worked = new Set(workingDays.map((day) => day.date));
  const offDays = holidays.flatMap((period) =>
    daysOf(period.from, period.to).map((date) => ({ date, name: period.name })),
  );
  const clashes = offDays.filter((day) => worked.has(day.date));
  for (const clash of clashes)
    skipped.push({ summary: clash.name, start: clash.date, reason: 'holiday-and-working-day' });
  return {
    year,
    holidays: mergeAdjacent(clashes.length === 0 ? sortByStart(holidays) : withoutDays(holidays, worked)),
    workingDays: workingDays.sort((a, b) => a.date.localeCompare(b.date)),
    skipped,
  };
};

/** "春节 假期 第1天/共9天" → "春节"; "元旦（休）" → "元旦". */
const periodName = (summary: string) =>
  summary
    .replace(/\s*第\s*\d+\s*天\s*\/\s*共\s*\d+\s*天\s*$/u, '')
    .replace(/\s*[（(][休班][)）]\s*$/u, '')
    .replace(/\s+假期$/u, '')
    .trim() || summary;

/** Periods of one name that touch or overlap become one. */
const mergeAdjacent = (periods: HolidayPeriod[]): HolidayPeriod[] => {
  const merged: HolidayPeriod[] = [];
  for (const period of periods) {
    const last = merged.at(-1);
    if (last && last.name === period.name && nextDay(last.to) >= period.from) {
      if (period.to > last.to) last.to = period.to;
    } else merged.push({ ...period });
  }
  return merged;
};

const dayBefore = (end: ICAL.Time): string => {
  const copy = end.clone();
  copy.adjust(-1, 0, 0, 0);
  return copy.toString().slice(0, 10);
};

const sortByStart = (periods: HolidayPeriod[]) => periods.sort((a, b) => a.from.localeCompare(b.from));

/** The periods with the given days taken out (a period split where a day is removed). */
const withoutDays = (periods: HolidayPeriod[], removed: Set<string>): HolidayPeriod[] =>
  sortByStart(
    periods.flatMap((period) => {
      const parts: HolidayPeriod[] = [];
      for (const day of daysOf(period.from, period.to)) {
        if (removed.has(day)) continue;
        const last = parts.at(-1);
        if (last && nextDay(last.to) === day) last.to = day;
        else parts.push({ name: period.name, from: day, to: day });
      }
      return parts;
    }),
  );
