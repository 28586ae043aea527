import { readStaffDirectory } from '../../app/read-staff-directory.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { staffDirectory } from '../../adapters/staff-directory.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse } from '../http/problem.ts';
import { requireStaff } from '../http/staff-auth.ts';

/** GET /v1/staff/directory — the staff the caller may assign cases to, and the departments. */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  return jsonResponse(
    200,
    await readStaffDirectory({ directory: staffDirectory, policy: policySource }, principal),
  );
});
