import { DateTime } from 'luxon';
import type { Policy } from './policy.ts';

/** The day a morning summary reports on: yesterday in the business time zone. */
export const summaryDay = (now: Date, timeZone: string): string =>
  DateTime.fromJSDate(now, { zone: timeZone }).minus({ days: 1 }).toISODate()!;

/** The first day of the rolling window that ends on `day` (inclusive). */
export const windowStart = (day: string, days: number): string =>
  DateTime.fromISO(day, { zone: 'utc' })
    .minus({ days: days - 1 })
    .toISODate()!;

/**
 * Who receives the daily summary: senior management, i.e. the recipients of the last escalation
 * level; when that level names department roles instead, every department head.
 */
export const summaryRecipients = (policy: Policy): string[] => {
  const last = policy.escalation.levels.at(-1)!;
  if (Array.isArray(last.recipients)) return [...last.recipients];
  return [...new Set(Object.values(policy.departments).flatMap((department) => department.heads))];
};
