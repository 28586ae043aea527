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
