import { canReadAccessLog } from '../../../functions/domain/access-log.ts';
import type { StaffRole } from '../../../functions/domain/staff.ts';

/** The signed-in member of staff, as far as these rules read them (a StaffSession fits). */
interface Reader {
  subject: string;
  roles: readonly string[];
  department: string | undefined;
}

/** The access-log route's own rule (domain/access-log.ts): the panel shows only where the API answers. */
export const mayReadAccessLog = (session: Reader, department: string | undefined): boolean =>
  canReadAccessLog(
    { subject: session.subject, roles: session.roles as StaffRole[], department: session.department },
    department,
  );
