import { seedPolicyVersion, SEED_POLICY_VERSION, type PolicyVersion } from '../domain/policy-versions.ts';
import type { Policy } from '../domain/policy.ts';
import type { PolicyVersionStore } from './ports.ts';

/** One version, for comparing (the console's diff); the seed is version 1 until it is stored. */
export const readPolicyVersion = async (
  deps: { versions: PolicyVersionStore; seed: () => Policy },
  version: number,
): Promise<PolicyVersion | undefined> => {
  const stored = await deps.versions.get(version);
  if (stored) return stored;
  if (version !== SEED_POLICY_VERSION) return undefined;
  return (await deps.versions.active()) ? undefined : seedPolicyVersion(deps.seed());
};
