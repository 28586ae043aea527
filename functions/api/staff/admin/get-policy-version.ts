import { readPolicyVersion } from '../../../app/read-policy-version.ts';
import { policyVersionSchema, policyVersionView } from '../../../domain/policy-versions.ts';
import * as z from '../../../domain/zod.ts';
import { seedPolicy } from '../../../adapters/policy-source.ts';
import { policyVersionStore } from '../../../adapters/policy-version-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { policyVersionNotFound, requirePolicyReader } from './policy-problems.ts';

const versionParameterSchema = z.pipe(
  z.string().check(z.regex(/^[1-9]\d{0,5}$/u)),
  z.pipe(z.transform(Number), policyVersionSchema),
);

/** GET /v1/staff/admin/policy/versions/{version} — one version, whole (the console's diff). */
export const handler = httpHandler(async (event) => {
  requirePolicyReader(requireStaff(event));
  const version = versionParameterSchema.safeParse(event.pathParameters?.version);
  if (!version.success) throw policyVersionNotFound();
  const found = await readPolicyVersion(
    { versions: policyVersionStore, seed: () => seedPolicy().policy },
    version.data,
  );
  if (!found) throw policyVersionNotFound();
  return jsonResponse(200, policyVersionView(found));
});
