import { accessLogQuerySchema } from '../../domain/access-log.ts';
import { complaintIdSchema } from '../../domain/complaint.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { readAccessLog } from '../../app/read-access-log.ts';
import { accessLog } from '../../adapters/access-log-repository.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { staffDirectory } from '../../adapters/staff-directory.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { forbidden, requireStaff } from '../http/staff-auth.ts';
import { caseNotFound } from './case-not-found.ts';

/** A position is the sort key of the page's last record ("ACCESS#<instant>#<id>"). */
const encodeCursor = (after: string) =>
  Buffer.from(JSON.stringify({ v: 1, after }), 'utf8').toString('base64url');
const decodeCursor = (cursor: string): string | undefined => {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!decoded || typeof decoded !== 'object') return undefined;
    const { v, after } = decoded as Record<string, unknown>;
    return v === 1 && typeof after === 'string' && /^ACCESS#[0-9TZ:.-]{20,30}#[0-9A-Z]{26}$/u.test(after)
      ? after
      : undefined;
  } catch {
    return undefined;
  }
};

/**
 * GET /v1/staff/complaints/{id}/access-log — who read the case, downloaded its files, when; newest
 * first, paged. Managers and admins, and supervisors of the case's department.
 */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const id = complaintIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw caseNotFound();
  const parsed = accessLogQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const after = parsed.data.cursor === undefined ? undefined : decodeCursor(parsed.data.cursor);
  if (parsed.data.cursor !== undefined && after === undefined)
    throw problems.validation([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
  const page = await readAccessLog(
    { store: complaintStore, log: accessLog, directory: staffDirectory },
    principal,
    id.data,
    { limit: parsed.data.limit, after },
  );
  if (page.kind === 'not-found') throw caseNotFound();
  if (page.kind === 'forbidden')
    throw forbidden("A case's access log is for managers, admins and the supervisors of its department.");
  return jsonResponse(200, {
    items: page.items,
    nextCursor: page.next === undefined ? null : encodeCursor(page.next),
  });
});
