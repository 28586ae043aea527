import { changePolicy } from '../../../app/change-policy.ts';
import { checkPolicyChange, policyVersionView } from '../../../domain/policy-versions.ts';
import { wallClock } from '../../../adapters/clock.ts';
import { newId } from '../../../adapters/events.ts';
import { seedPolicy } from '../../../adapters/policy-source.ts';
import { policyVersionStore } from '../../../adapters/policy-version-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse, problems } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { requirePolicyAdmin, stalePolicyVersion } from './policy-problems.ts';

/**
 * PUT /v1/staff/admin/policy — an admin replaces the policy: the next version, active for new
 * decisions within POLICY_REFRESH_SECONDS. Every problem of the document is answered with its path.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: 256 * 1024 } }, async (event) => {
  const principal = requireStaff(event);
  requirePolicyAdmin(principal);
  const checked = checkPolicyChange(event.body);
  if (checked.kind === 'invalid') throw problems.validation(checked.errors);
  const outcome = await changePolicy(
    { versions: policyVersionStore, seed: () => seedPolicy().policy, wallClock, newId },
    checked.change,
    principal,
  );
  if (outcome.kind === 'version-conflict') throw stalePolicyVersion(outcome.activeVersion);
  return jsonResponse(200, policyVersionView(outcome.version));
});
