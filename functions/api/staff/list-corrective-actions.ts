import { toFieldErrors } from '../../domain/field-errors.ts';
import { correctiveActionsQuerySchema } from '../../domain/corrective-action-view.ts';
import { listCorrectiveActions } from '../../app/list-corrective-actions.ts';
import { correctiveActionList } from '../../adapters/corrective-action-repository.ts';
import { clock } from '../../adapters/clock.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { forbidden, requireStaff } from '../http/staff-auth.ts';

/** The cursor a client gets back: the position after the page's last row. */
const encodeCorrectiveActionCursor = (after: string): string =>
  Buffer.from(JSON.stringify({ v: 1, after }), 'utf8').toString('base64url');

/** A cursor read back; undefined (→ 400) for anything this API would not have returned. */
const decodeCorrectiveActionCursor = (cursor: string): string | undefined => {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!decoded || typeof decoded !== 'object') return undefined;
    const { v, after } = decoded as Record<string, unknown>;
    // A position is "<YYYY-MM-DD or ISO instant>#<complaint id>".
    return v === 1 && typeof after === 'string' && /^[0-9TZ:.+-]{10,40}#[0-9A-Za-z]{1,64}$/u.test(after)
      ? after
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * GET /v1/staff/corrective-actions — corrective actions by due date (not done unless `status` says
 * otherwise), overdue ones flagged; agents see their department's, supervisors and above all or one.
 */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const parsed = correctiveActionsQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const { cursor, ...query } = parsed.data;
  const after = cursor === undefined ? undefined : decodeCorrectiveActionCursor(cursor);
  if (cursor !== undefined && after === undefined)
    throw problems.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
  const listed = await listCorrectiveActions(
    { list: correctiveActionList, policy: policySource, clock },
    principal,
    { ...query, after },
  );
  if (listed.kind === 'forbidden') throw forbidden(listed.reason);
  return jsonResponse(200, {
    items: listed.items,
    nextCursor: listed.next === undefined ? null : encodeCorrectiveActionCursor(listed.next),
  });
});
