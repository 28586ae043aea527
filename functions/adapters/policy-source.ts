import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { businessCalendar, parsePolicy, type Policy } from '../domain/policy.ts';
import type { BusinessCalendar } from '../domain/calendar.ts';

/** Default location, relative to the working directory (the repository locally, /var/task in Lambda). */
export const DEFAULT_POLICY_FILE = 'policy/complaint-policy.json';

let cached: { policy: Policy; calendar: BusinessCalendar } | undefined;

/** The policy from POLICY_FILE, read and validated once per container. */
export const currentPolicy = (): { policy: Policy; calendar: BusinessCalendar } => {
  if (!cached) {
    const file = resolve(process.env.POLICY_FILE ?? DEFAULT_POLICY_FILE);
    const policy = parsePolicy(JSON.parse(readFileSync(file, 'utf8')) as unknown);
    cached = { policy, calendar: businessCalendar(policy) };
  }
  return cached;
};
