import { CORRECTIVE_ACTION_STATUSES, ROOT_CAUSES } from './vocabulary.ts';
import * as z from './zod.ts';

/** Query string of GET /v1/staff/corrective-actions. */
export const correctiveActionsQuerySchema = z.strictObject({
  /** One department's actions (supervisors and above; an agent may name only their own). */
  department: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,50}$/u, 'must be a department id'))),
  /** One status; without it, those not done (open and in-progress). */
  status: z.optional(z.enum(CORRECTIVE_ACTION_STATUSES)),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
  /** `nextCursor` of the previous page of the same listing, as returned. */
  cursor: z.optional(z.string().check(z.maxLength(600))),
});
export type CorrectiveActionsQueryParameters = z.infer<typeof correctiveActionsQuerySchema>;

/** One corrective action as the list shows it: the case's reference, never its text. */
export const correctiveActionRowViewSchema = z.strictObject({
  complaintId: z.string(),
  reference: z.string(),
  department: z.string(),
  rootCause: z.optional(z.enum(ROOT_CAUSES)),
  description: z.string(),
  owner: z.string(),
  ownerName: z.string(),
  /** Local date (YYYY-MM-DD). */
  dueDate: z.string(),
  status: z.enum(CORRECTIVE_ACTION_STATUSES),
  /** Not done and due before today (business calendar). */
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CorrectiveActionRowView = z.infer<typeof correctiveActionRowViewSchema>;

export const correctiveActionListViewSchema = z.strictObject({
  items: z.array(correctiveActionRowViewSchema),
  nextCursor: z.nullable(z.string()),
});
export type CorrectiveActionListView = z.infer<typeof correctiveActionListViewSchema>;
