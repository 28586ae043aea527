import type { SlaDuration } from '../../../functions/domain/calendar.ts';
import {
  calendarYearEntry,
  type CalendarYearDays,
  type CalendarYearEntry,
} from '../../../functions/domain/calendar-year-entry.ts';
import type { FieldError } from '../../../functions/domain/field-errors.ts';
import type { Policy } from '../../../functions/domain/policy.ts';
import type {
  PolicyAdminView as WirePolicyAdminView,
  PolicyVersionView,
} from '../../../functions/domain/policy-versions.ts';

/**
 * The admin policy page's form, as pure functions from what the fields hold to the policy document
 * and back. The page keeps one draft policy and every field edits it at its path, so the parts the
 * form does not show (edited as JSON) pass through untouched.
 */

/** The API's views (policy-versions.ts), with the policy document typed as the policy it is. */
export type PolicyVersion = Omit<PolicyVersionView, 'policy'> & { policy: Policy };
export type PolicyAdminView = Omit<WirePolicyAdminView, 'active'> & { active: PolicyVersion };

export type PolicyPath = readonly (string | number)[];

/**
 * `value` with `next` at `path`, every object on the way copied and nothing else: a few lines
 * instead of a dependency (immer and lodash/fp would be 4–16 kB for this one call).
 */
export const setIn = <T>(value: T, path: PolicyPath, next: unknown): T => {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path;
  const container = (value ?? (typeof key === 'number' ? [] : {})) as Record<string | number, unknown>;
  const copy = (Array.isArray(container) ? [...container] : { ...container }) as Record<
    string | number,
    unknown
  >;
  copy[key!] = setIn(container[key!], rest, next);
  return copy as T;
};

/** The value at `path`, or undefined. */
export const getIn = (value: unknown, path: PolicyPath): unknown =>
  path.reduce<unknown>(
    (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
    value,
  );

/** Addresses typed one per line or separated by commas (ASCII or full-width) or semicolons. */
export const emailsFromText = (text: string): string[] =>
  text
    .split(/[\s,;，；、]+/u)
    .map((part) => part.trim())
    .filter(Boolean);

export const emailsText = (emails: readonly string[] | undefined): string => (emails ?? []).join('\n');

export const DURATION_UNITS = ['minutes', 'hours', 'workingHours', 'workingDays'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const durationParts = (duration: SlaDuration): { unit: DurationUnit; amount: number } => {
  const [unit, amount] = Object.entries(duration)[0] as [DurationUnit, number];
  return { unit, amount };
};

/** A duration from the unit and amount fields; a blank amount stays blank for the server to refuse. */
export const durationOf = (unit: DurationUnit, amount: string): SlaDuration =>
  ({ [unit]: amount.trim() === '' ? amount : Number(amount) }) as unknown as SlaDuration;

/** A number field's value: a number when it reads as one, else the text, for the server to refuse at its path. */
export const numberOf = (text: string): number | string =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;

export type RecipientsMode = 'department-supervisors' | 'department-heads' | 'list';
type Recipients = Policy['escalation']['levels'][number]['recipients'];

export const recipientsMode = (recipients: Recipients): RecipientsMode =>
  Array.isArray(recipients) ? 'list' : recipients;

export const recipientsOf = (mode: RecipientsMode, listText: string): Recipients =>
  mode === 'list' ? emailsFromText(listText) : mode;

/** The policy with `year` set from the year editor's periods and working days. */
export const withCalendarYear = (policy: Policy, year: string, days: CalendarYearDays): Policy =>
  setIn(policy, ['calendar', 'years', year], calendarYearEntry(days));

export const calendarYearOf = (policy: Policy, year: string): CalendarYearEntry =>
  policy.calendar.years[year] ?? { holidays: [], workingDays: [] };

/** The next year to add: the one after the latest covered, or this one when none is. */
export const nextCalendarYear = (policy: Policy, now: Date): string => {
  const years = Object.keys(policy.calendar.years).map(Number);
  return String(years.length > 0 ? Math.max(...years) + 1 : now.getUTCFullYear());
};

/**
 * The PUT's field errors by policy path ("calendar.years.2027.holidays.3"): the API names them from
 * the request body, so "policy." is taken off.
 */
export const errorsByPolicyPath = (errors: readonly FieldError[] = []): Map<string, string[]> => {
  const byPath = new Map<string, string[]>();
  for (const { field, message } of errors) {
    const path = field.replace(/^policy\.?/u, '');
    byPath.set(path, [...(byPath.get(path) ?? []), message]);
  }
  return byPath;
};

/** The errors at `path` or below it ("calendar.years.2027" gathers each of that year's days). */
export const errorsUnder = (byPath: ReadonlyMap<string, string[]>, path: PolicyPath): string[] => {
  const prefix = path.join('.');
  return [...byPath].flatMap(([at, messages]) =>
    at === prefix || at.startsWith(`${prefix}.`)
      ? messages.map((message) => (at === prefix ? message : `${at.slice(prefix.length + 1)}: ${message}`))
      : [],
  );
};

/** The PUT's body. */
export const policyUpdate = (policy: Policy, reason: string, expectedVersion: number) => ({
  policy,
  reason: reason.trim(),
  expectedVersion,
});
