import { canReadAccessLog } from '../../../functions/domain/access-log.ts';
import { LEGAL_HOLD_ROLES } from '../../../functions/domain/retention.ts';
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

/** The legal-hold route's own rule (LEGAL_HOLD_ROLES): the form shows only to those it lets through. */
export const mayHoldLegally = (session: Pick<Reader, 'roles'>): boolean =>
  session.roles.some((role) => (LEGAL_HOLD_ROLES as readonly string[]).includes(role));
