import { canAccessDepartment, type StaffPrincipal } from './staff.ts';
import * as z from './zod.ts';

/**
 * The read audit (issue 20 item 5; DOMAIN.md, Privacy: access only for those who need it, periodic
 * audits): every staff read of a case, every attachment download and every export is recorded —
 * who, when, what — before the data is handed over. A read whose record cannot be written is
 * refused (503): "every read is recorded" admits no unrecorded read.
 */
export const ACCESS_KINDS = ['case-read', 'attachment-download', 'export'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

export interface AccessRecord {
  id: string;
  kind: AccessKind;
  /** The reader's staff id, roles and department as their token said. */
  by: string;
  roles: string[];
  department?: string | undefined;
  at: string;
  /** The case read (case-read, attachment-download). */
  complaintId?: string | undefined;
  attachmentId?: string | undefined;
  /** An export's range, page position and the complaints it handed over (their ids only). */
  export?: { from: string; to: string; rows: number; complaintIds: string[] } | undefined;
}

export const accessRecord = (
  principal: StaffPrincipal,
  what: Pick<AccessRecord, 'kind' | 'complaintId' | 'attachmentId' | 'export'>,
  id: string,
  at: Date,
): AccessRecord => ({
  id,
  by: principal.subject,
  roles: [...principal.roles],
  ...(principal.department ? { department: principal.department } : {}),
  at: at.toISOString(),
  ...what,
});

/**
 * Who may list a case's access log: managers and admins, and the supervisors of the case's
 * department (they answer for their people's reads). Agents may not: who read what is itself
 * personal data about staff and customers.
 */
export const canReadAccessLog = (principal: StaffPrincipal, department: string | undefined): boolean =>
  principal.roles.some((role) => role === 'manager' || role === 'admin') ||
  (principal.roles.includes('supervisor') && canAccessDepartment(principal, department));

/** Query string of GET /v1/staff/complaints/{id}/access-log. */
export const accessLogQuerySchema = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  /** `nextCursor` of the previous page, as returned. */
  cursor: z.optional(z.string().check(z.maxLength(200))),
});

export const accessLogViewSchema = z.strictObject({
  items: z.array(
    z.strictObject({
      kind: z.enum(ACCESS_KINDS),
      by: z.string(),
      /** The reader's name in the staff directory, when it has them. */
      byName: z.optional(z.string()),
      roles: z.array(z.string()),
      department: z.optional(z.string()),
      at: z.string(),
      attachmentId: z.optional(z.string()),
    }),
  ),
  nextCursor: z.nullable(z.string()),
});
export type AccessLogView = z.infer<typeof accessLogViewSchema>;
