import { checkCalendarYears } from '../functions/domain/calendar-years.ts';
import type { Policy } from '../functions/domain/policy.ts';

/** The line `npm start` prints when the policy's calendar lacks a year it needs at `now`, if any. */
export const startupCalendarWarning = (policy: Policy, now: Date): string | undefined => {
  const { warning } = checkCalendarYears(policy, now);
  return warning && `Warning         ${warning}`;
};
