import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePolicy, type Policy } from '../functions/domain/policy.ts';
import { REPO_ROOT } from './repo-root.ts';

export { DEFAULT_POLICY_FILE } from '../functions/adapters/policy-source.ts';

/** A policy file that parsed and validated at synth time. */
export interface ValidatedPolicyFile {
  /** Absolute path of the file, as shipped into the function bundles. */
  path: string;
  policy: Policy;
}

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
  try {
    return { path: absolute, policy: parsePolicy(document) };
  } catch (error) {
    throw new Error(`Complaint policy file ${absolute}: ${messageOf(error)}`, {
      cause: error,
    });
  }
};
