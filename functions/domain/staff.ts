/** Staff roles, from the identity provider's groups (Cognito groups in AWS). */
export const STAFF_ROLES = ['agent', 'supervisor', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Who is calling a staff route, as read from the verified token's claims. */
export interface StaffPrincipal {
  subject: string;
  email?: string | undefined;
  roles: StaffRole[];
  department?: string | undefined;
}

/** Roles that handle cases and so need the customer's contact details; managers read figures only. */
const CONTACT_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'admin'];

export const canSeeContactDetails = (principal: StaffPrincipal): boolean =>
  principal.roles.some((role) => CONTACT_ROLES.includes(role));

/** Agents and supervisors work in their department; managers and admins see every department. */
export const canAccessDepartment = (principal: StaffPrincipal, department: string | undefined): boolean =>
  principal.roles.some((role) => role === 'manager' || role === 'admin') ||
  (principal.department !== undefined && principal.department === department);

/** Roles that supervise case work: they approve, decline, reopen, and change grades on their own. */
export const SUPERVISOR_ROLES: readonly StaffRole[] = ['supervisor', 'manager', 'admin'];

export const isSupervisor = (principal: StaffPrincipal): boolean =>
  principal.roles.some((role) => SUPERVISOR_ROLES.includes(role));
