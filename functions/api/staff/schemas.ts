import { SEVERITIES, STATUSES } from '../../domain/vocabulary.ts';
import * as z from '../../domain/zod.ts';

const cursorSchema = z.pipe(
  z.string().check(z.maxLength(2000)),
  z.transform((value: string, ctx) => {
    try {
      const decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
      if (decoded && typeof decoded === 'object' && !Array.isArray(decoded))
        return decoded as Record<string, unknown>;
    } catch {
      // fall through
    }
    ctx.issues.push({ code: 'custom', message: 'is not a cursor returned by this API', input: value });
    return z.NEVER;
  }),
);

/** Query string of GET /v1/staff/complaints. */
export const queueQuerySchema = z.strictObject({
  state: z._default(z.enum(['open', 'done']), 'open'),
  status: z.optional(z.enum(STATUSES)),
  severity: z.optional(z.enum(SEVERITIES)),
  department: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,50}$/u, 'must be a department id'))),
  assignee: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  overdue: z.optional(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((value) => value === 'true'),
    ),
  ),
  escalationLevel: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(3))),
  reference: z.optional(z.string().check(z.regex(/^[0-9A-Za-z-]{1,20}$/u, 'must be part of a reference'))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  cursor: z.optional(cursorSchema),
});

export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
