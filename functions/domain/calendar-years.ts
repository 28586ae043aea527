import { localDateOf, missingCalendarYears } from './calendar.ts';
import { coveredCalendarYears, type Policy } from './policy.ts';

export interface CalendarYearCheck {
  /** The policy's calendar time zone date the check was made for. */
  localDate: string;
  /** Years that should be in the policy by now and are not (the current one; from 1 December the next). */
  missing: number[];
  /** A one-line warning for operators; undefined when nothing is missing. */
  warning: string | undefined;
}

/**
 * Whether the policy's calendar has the years it needs at `now`: synth, `npm start` and the daily
 * check all warn with the same words. Until a year is added its fixed-date statutory holidays apply
 * and every deadline that runs into it is provisional (calendar.ts, PROVISIONAL_HOLIDAYS).
 */
export const checkCalendarYears = (policy: Policy, now: Date): CalendarYearCheck => {
  const localDate = localDateOf(policy.calendar, now);
  const missing = missingCalendarYears(coveredCalendarYears(policy), localDate);
  const warning =
    missing.length === 0
      ? undefined
      : `the complaint policy's calendar has no entry for ${missing.join(', ')}: only the statutory ` +
        `fixed-date holidays (1 Jan, 1–2 May, 1–3 Oct) count as days off there and deadlines reaching ` +
        `it are provisional. Add calendar.years.${missing[0]} (holidays and 调休 working days as ` +
        `published by the State Council) to the policy file.`;
  return { localDate, missing, warning };
};
