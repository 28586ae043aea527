import type { Complaint } from './complaint.ts';
import type { Policy } from './policy.ts';
import { canAccessDepartment, STAFF_ROLES, type StaffPrincipal } from './staff.ts';
import { departmentIdSchema } from './vocabulary-schemas.ts';
import * as z from './zod.ts';

/**
 * A member of staff as the directory knows them (Cognito users in AWS, a seeded file locally). The
 * id is the identity provider's subject: what a token's `sub` carries and `Complaint.assignee` stores.
 * Managers and admins may belong to no department.
 */
export const staffMemberSchema = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  email: z.email(),
  department: z.optional(departmentIdSchema),
  roles: z.array(z.enum(STAFF_ROLES)).check(z.minLength(1)),
});
export type StaffMember = z.output<typeof staffMemberSchema>;

/** `GET /v1/staff/directory`: whom the caller may pick, and the departments' names to show. */
export const staffDirectoryViewSchema = z.strictObject({
  departments: z.array(
    z.strictObject({
      id: departmentIdSchema,
      name: z.strictObject({ 'zh-CN': z.string(), en: z.string() }),
    }),
  ),
  staff: z.array(staffMemberSchema),
});
export type StaffDirectoryView = z.output<typeof staffDirectoryViewSchema>;

/** A directory file (the local runtime's seeded directory): `{ "staff": [member, …] }`. */
export const staffDirectoryFileSchema = z.strictObject({
  staff: z
    .array(staffMemberSchema)
    .check(
      z.refine(
        (staff) => new Set(staff.map((member) => member.id)).size === staff.length,
        'member ids must be unique',
      ),
    ),
});

const byName = (left: StaffMember, right: StaffMember) =>
  (left.department ?? '').localeCompare(right.department ?? '') ||
  left.name.localeCompare(right.name, 'zh-CN');

/**
 * What the caller sees of the directory: agents and supervisors their own department's staff,
 * managers and admins everyone. Every department of the policy (the ones complaints route to), by
 * id and name only, for everyone: a case's lead asks any of them for help (an assist), and the
 * assisting department reads the lead's name.
 */
export const directoryView = (
  policy: Policy,
  principal: StaffPrincipal,
  members: readonly StaffMember[],
): StaffDirectoryView => ({
  departments: Object.entries(policy.departments).map(([id, department]) => ({ id, name: department.name })),
  staff: members.filter((member) => canAccessDepartment(principal, member.department)).toSorted(byName),
});

/**
 * Why `member` cannot be assigned the complaint, or undefined when it can: the assignee must be in
 * the directory and work for the complaint's department (whose staff see and handle its cases).
 */
export const assigneeProblem = (
  assignee: string,
  member: StaffMember | undefined,
  complaint: Pick<Complaint, 'department'>,
): string | undefined => {
  if (!member) return `${assignee} is not in the staff directory: pick an assignee from the directory`;
  if (!complaint.department) return 'the complaint has no department yet: assign it once it is triaged';
  if (member.department !== complaint.department) {
    return `${member.name} works for ${member.department ?? 'no department'}, not for ${complaint.department}, the complaint's department`;
  }
  return undefined;
};
