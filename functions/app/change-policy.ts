import {
  nextPolicyVersion,
  seedPolicyVersion,
  SEED_POLICY_VERSION,
  type PolicyVersion,
  type ChangePolicyRequest,
} from '../domain/policy-versions.ts';
import type { Policy } from '../domain/policy.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { Clock, PolicyVersionStore } from './ports.ts';

export type ChangedPolicy =
  { kind: 'changed'; version: PolicyVersion } | { kind: 'version-conflict'; activeVersion: number };

/**
 * An administrator replaces the policy (validated by the caller: domain/policy-versions.ts
 * checkPolicyChange): the next version becomes active, with who and why, and an audit entry. The
 * caller names the version they edited; another administrator's change in between is a conflict,
 * never overwritten. The first change also stores the seed (the policy file) as version 1, so the
 * history starts where the functions started.
 */
export const changePolicy = async (
  deps: { versions: PolicyVersionStore; seed: () => Policy; wallClock: Clock; newId: (now: Date) => string },
  change: Omit<ChangePolicyRequest, 'policy'> & { policy: Policy },
  principal: StaffPrincipal,
): Promise<ChangedPolicy> => {
  const stored = await deps.versions.active();
  const active = stored ?? { version: SEED_POLICY_VERSION };
  const now = deps.wallClock.now();
  const decision = nextPolicyVersion(active, change, principal.subject, now);
  if (decision.kind === 'version-conflict') return decision;
  const next = decision.version;
  const replaced = stored
    ? { version: stored.version }
    : {
        seed: {
          ...seedPolicyVersion(deps.seed()),
          createdAt: now.toISOString(),
          createdBy: principal.subject,
        },
      };
  const saved = await deps.versions.activate(next, replaced, {
    type: 'policy.changed',
    eventId: deps.newId(now),
    at: now.toISOString(),
    actor: { kind: 'staff', id: principal.subject, role: 'admin' },
    details: { fromVersion: active.version, toVersion: next.version, reason: next.reason },
  });
  if (saved === 'conflict') {
    const current = await deps.versions.active();
    return { kind: 'version-conflict', activeVersion: current?.version ?? SEED_POLICY_VERSION };
  }
  return { kind: 'changed', version: next };
};
