import type { PolicySource } from '../app/ports.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { businessCalendar, parsePolicy, type Policy } from '../domain/policy.ts';
import type { BusinessCalendar } from '../domain/calendar.ts';

/** Default location, relative to the working directory (the repository locally, /var/task in Lambda). */
export const DEFAULT_POLICY_FILE = 'policy/complaint-policy.json';

/**
 * A policy that `cdk synth` validated (infra/policy-file.ts) and shipped in its validated form, defaults
 * filled in: read as it is. A policy file as an administrator writes it never has this shape (its
 * schema admits no such key), so it is always validated on load.
 */
export interface ValidatedPolicyDocument {
  validatedPolicy: Policy;
}

const isValidatedDocument = (document: unknown): document is ValidatedPolicyDocument =>
  typeof document === 'object' && document !== null && 'validatedPolicy' in document;

let cached: { policy: Policy; calendar: BusinessCalendar } | undefined;

/** The policy from POLICY_FILE, read (and validated, unless it was at synth) once per container. */
export const currentPolicy = (): { policy: Policy; calendar: BusinessCalendar } => {
  if (!cached) {
    const file = resolve(process.env.POLICY_FILE ?? DEFAULT_POLICY_FILE);
    const document = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const policy = isValidatedDocument(document) ? document.validatedPolicy : parsePolicy(document);
    cached = { policy, calendar: businessCalendar(policy) };
  }
  return cached;
};

export const policySource: PolicySource = { current: currentPolicy };
