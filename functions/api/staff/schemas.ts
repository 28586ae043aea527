import { QUEUE_SORTS, SORT_ORDERS } from '../../domain/queue-plan.ts';
import { SEVERITIES, STATUSES } from '../../domain/vocabulary.ts';
import * as z from '../../domain/zod.ts';

/** Query string of GET /v1/staff/complaints. */
export const queueQuerySchema = z.strictObject({
  /** open (default) or done; any: open work, then finished cases. A concrete `status` picks its own half. */
  state: z._default(z.enum(['open', 'done', 'any']), 'open'),
  /** One status, or `any` for every status (resolved, closed and rejected included). */
  status: z.optional(z.enum([...STATUSES, 'any'])),
  severity: z.optional(z.enum(SEVERITIES)),
  department: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,50}$/u, 'must be a department id'))),
  /** A person's subject, `me` (the caller) or `unassigned`. */
  assignee: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  overdue: z.optional(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((value) => value === 'true'),
    ),
  ),
  escalationLevel: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(3))),
  reference: z.optional(z.string().check(z.regex(/^[0-9A-Za-z-]{1,20}$/u, 'must be part of a reference'))),
  sort: z._default(z.enum(QUEUE_SORTS), 'due'),
  order: z._default(z.enum(SORT_ORDERS), 'asc'),
  /** Search: a reference (CMP-…), a customer's email or phone number; exact matches only. */
  q: z.optional(z.string().check(z.minLength(1), z.maxLength(254))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  /** `nextCursor` of the previous page of the same listing, as returned. */
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});
export type QueueQueryParameters = z.infer<typeof queueQuerySchema>;
