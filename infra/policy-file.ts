import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidatedPolicyDocument } from '../functions/adapters/policy-source.ts';
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
 * @param file absolute, or relative to the repository root
 */
export const loadPolicyFile = (file: string): ValidatedPolicyFile => {
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
  return { source: absolute, path: writeValidatedForm(policy), policy };
};
