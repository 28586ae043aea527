/**
 * One year of the policy's business calendar as people think of it: named holiday periods
 * (春节 2027-02-05 – 2027-02-11) and named make-up working days (调休 / 补班), and the policy's own
 * form of it (`calendar.years.<year>`: sorted day lists plus the names keyed by a period's first day).
 * The console's year editor and the .ics import (calendar-ics.ts) both go through here.
 */

/** A run of days off, both ends included (YYYY-MM-DD). */
export interface HolidayPeriod {
  name: string;
  from: string;
  to: string;
}

/** A Saturday or Sunday worked instead of a day off (调休 / 补班). */
export interface MakeUpWorkingDay {
  name: string;
  date: string;
}

export interface CalendarYearDays {
  holidays: HolidayPeriod[];
  workingDays: MakeUpWorkingDay[];
}

/** `calendar.years.<year>` in the policy. */
export interface CalendarYearEntry {
  holidays: string[];
  workingDays: string[];
  /** A period's or a working day's name, keyed by its (first) day. */
  names?: Record<string, string>;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** The calendar day after `day` (YYYY-MM-DD; UTC arithmetic, so no zone or DST shifts a day). */
export const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Every day from `from` to `to`, both included; empty when either is not a date or `to` is earlier. */
export const daysOf = (from: string, to: string): string[] => {
  if (!ISO_DAY.test(from) || !ISO_DAY.test(to) || Number.isNaN(Date.parse(from))) return [];
  const days: string[] = [];
  // A year has at most 366 days: the bound keeps a mistyped "to" from building a list of centuries.
  for (let day = from; day <= to && days.length <= 366; day = nextDay(day)) days.push(day);
  return days;
};

/** The policy's entry for a year: sorted, distinct days, and the names that are not empty. */
export const calendarYearEntry = ({ holidays, workingDays }: CalendarYearDays): CalendarYearEntry => {
  const names: Record<string, string> = {};
  for (const period of holidays) if (period.name.trim()) names[period.from] = period.name.trim();
  for (const day of workingDays) if (day.name.trim()) names[day.date] = day.name.trim();
  const entry: CalendarYearEntry = {
    holidays: [...new Set(holidays.flatMap((period) => daysOf(period.from, period.to)))].sort(),
    workingDays: [...new Set(workingDays.map((day) => day.date))].sort(),
  };
  return Object.keys(names).length > 0 ? { ...entry, names } : entry;
};

/**
 * A year's entry as periods and working days: consecutive holidays form one period, named after its
 * first day; a named day starts a period of its own.
 */
export const calendarYearDays = (entry: CalendarYearEntry): CalendarYearDays => {
  const names = entry.names ?? {};
  const holidays: HolidayPeriod[] = [];
  for (const day of [...entry.holidays].sort()) {
    const last = holidays.at(-1);
    const name = names[day];
    // Adjacent periods stay apart when the second has a name of its own (中秋节 then 国庆节).
    if (last && nextDay(last.to) === day && (!name || !last.name || name === last.name)) {
      last.to = day;
      last.name ||= name ?? '';
    } else holidays.push({ name: name ?? '', from: day, to: day });
  }
  return {
    holidays,
    workingDays: [...entry.workingDays].sort().map((date) => ({ name: names[date] ?? '', date })),
  };
};
