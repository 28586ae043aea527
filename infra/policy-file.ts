import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidatedPolicyDocument } from '../functions/adapters/policy-source.ts';
import { checkCalendarYears } from '../functions/domain/calendar-years.ts';
import { parsePolicy, type Policy } from '../functions/domain/policy.ts';
import { REPO_ROOT } from './repo-root.ts';

export { DEFAULT_POLICY_FILE } from '../functions/adapters/policy-source.ts';

/** A policy file that parsed and validated at synth time. */
export interface ValidatedPolicyFile {
  /** Absolute path of the policy file as written. */
  source: string;
  /**
   * Absolute path of the policy in its validated form, as shipped into the function bundles: the
   * functions then read it without building the policy schema (see policy-source.ts).
   */
  path: string;
  policy: Policy;
  /** Set when the calendar lacks a year it needs now (domain/calendar-years.ts); synth goes on. */
  calendarWarning: string | undefined;
}

export interface LoadPolicyOptions {
  /** When the calendar years are checked. @default now */
  now?: Date;
  /** Where the calendar warning is printed. @default console.warn (stderr, shown by `cdk synth`) */
  warn?: (line: string) => void;
}

/**
 * Writes `{ validatedPolicy }` under the repository (so a bundling container sees it too), named by
 * its content: the same policy always gives the same file, and the same function assets.
 */
const writeValidatedForm = (policy: Policy): string => {
  const document: ValidatedPolicyDocument = { validatedPolicy: policy };
  const text = `${JSON.stringify(document)}\n`;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const directory = path.join(REPO_ROOT, 'node_modules', '.cache', 'complaints-policy');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${hash}.json`);
  writeFileSync(file, text);
  return file;
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Reads and validates the complaint policy the functions will load at run time, so that a bad policy
 * fails `cdk synth` (and the deployment never starts) instead of failing every lifecycle task.
 *
 * A calendar missing the current year, or from 1 December the next, only prints a warning: the
 * functions then apply the statutory fixed-date holidays, and blocking a deployment (a fix, say) on
 * a State Council announcement that has not come yet would be worse.
 *
 * @param file absolute, or relative to the repository root
 */
export const loadPolicyFile = (file: string, options: LoadPolicyOptions = {}): ValidatedPolicyFile => {
  const absolute = path.resolve(REPO_ROOT, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the complaint policy file ${absolute}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`Complaint policy file ${absolute} is not valid JSON: ${messageOf(error)}`, {
      cause: error,
    });
  }
  let policy: Policy;
  try {
    policy = parsePolicy(document);
  } catch (error) {
    throw new Error(`Complaint policy file ${absolute}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  const calendarWarning = checkCalendarYears(policy, options.now ?? new Date()).warning;
  // A warning only (no Annotation): synthesis and the stack's no-warnings check stay green.
  if (calendarWarning) (options.warn ?? console.warn)(`warning: ${absolute}: ${calendarWarning}`);
  return { source: absolute, path: writeValidatedForm(policy), policy, calendarWarning };
};
