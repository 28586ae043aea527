import * as z from 'zod';
import { STATUSES } from '../../domain/complaint.ts';
import { SEVERITIES } from '../../domain/policy.ts';

const cursorSchema = z
  .string()
  .max(2000)
  .transform((value, ctx) => {
    try {
      const decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
      if (decoded && typeof decoded === 'object' && !Array.isArray(decoded))
        return decoded as Record<string, unknown>;
    } catch {
      // fall through
    }
    ctx.addIssue({ code: 'custom', message: 'is not a cursor returned by this API' });
    return z.NEVER;
  });

/** Query string of GET /v1/staff/complaints. */
export const queueQuerySchema = z.strictObject({
  state: z.enum(['open', 'done']).default('open'),
  status: z.enum(STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  department: z
    .string()
    .regex(/^[a-z0-9-]{1,50}$/u, 'must be a department id')
    .optional(),
  assignee: z.string().min(1).max(128).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  escalationLevel: z.coerce.number().int().min(0).max(3).optional(),
  reference: z
    .string()
    .regex(/^[0-9A-Za-z-]{1,20}$/u, 'must be part of a reference')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorSchema.optional(),
});

export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
