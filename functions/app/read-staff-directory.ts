import { directoryView, type StaffDirectoryView } from '../domain/staff-directory.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { PolicySource, StaffDirectory } from './ports.ts';

/**
 * The staff a caller may pick as an assignee: agents and supervisors their department's, managers
 * and admins everyone's, with the policy's departments.
 */
export const readStaffDirectory = async (
  deps: { directory: StaffDirectory; policy: PolicySource },
  principal: StaffPrincipal,
): Promise<StaffDirectoryView> => {
  const everyone = principal.roles.some((role) => role === 'manager' || role === 'admin');
  // Without a department an agent sees nobody (directoryView); no need to read everyone for that.
  const members =
    everyone || principal.department
      ? await deps.directory.list(everyone ? undefined : principal.department)
      : [];
  return directoryView(deps.policy.current().policy, principal, members);
};
