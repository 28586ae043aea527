import { readPolicyAdmin } from '../../../app/read-policy-admin.ts';
import { policyVersionInfo, policyVersionView } from '../../../domain/policy-versions.ts';
import { seedPolicy } from '../../../adapters/policy-source.ts';
import { policyVersionStore } from '../../../adapters/policy-version-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { requirePolicyReader } from './policy-problems.ts';

/** GET /v1/staff/admin/policy — the active policy version and the versions before it (managers, admins). */
export const handler = httpHandler(async (event) => {
  requirePolicyReader(requireStaff(event));
  const { active, history } = await readPolicyAdmin({
    versions: policyVersionStore,
    seed: () => seedPolicy().policy,
  });
  return jsonResponse(200, {
    active: policyVersionView(active),
    history: history.map(policyVersionInfo),
  });
});
