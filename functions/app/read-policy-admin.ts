import {
  POLICY_HISTORY_LIMIT,
  seedPolicyVersion,
  type PolicyVersion,
  type PolicyVersionInfo,
} from '../domain/policy-versions.ts';
import type { Policy } from '../domain/policy.ts';
import type { PolicyVersionStore } from './ports.ts';

/**
 * The active policy with who made it and why, and the versions, newest first (the active one
 * included, at most POLICY_HISTORY_LIMIT). While the table holds no version, the seed (the policy
 * file) is version 1 and the only one.
 */
export const readPolicyAdmin = async (deps: {
  versions: PolicyVersionStore;
  seed: () => Policy;
}): Promise<{ active: PolicyVersion; history: PolicyVersionInfo[] }> => {
  const pointer = await deps.versions.active();
  if (!pointer) {
    const seed = seedPolicyVersion(deps.seed());
    return { active: seed, history: [seed] };
  }
  const [active, history] = await Promise.all([
    deps.versions.get(pointer.version),
    deps.versions.history(POLICY_HISTORY_LIMIT),
  ]);
  if (!active) throw new Error(`The active policy version ${pointer.version} is not stored`);
  return { active, history };
};
