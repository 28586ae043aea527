import { queueScopeFor } from '../../domain/queue.ts';
import { queueRow } from '../../domain/staff-view.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { now } from '../../adapters/clock.ts';
import { partitionValue, queryQueue, type QueueQuery } from '../../adapters/queue-repository.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { forbidden, requireStaff } from '../http/staff-auth.ts';
import { encodeCursor, queueQuerySchema } from './schemas.ts';

/** GET /v1/staff/complaints — a work queue, sorted by next due time, with cursor pagination. */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const parsed = queueQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const filters = parsed.data;
  const access = queueScopeFor(principal, filters);
  if (access.kind === 'forbidden') throw forbidden(access.reason);
  const { scope } = access;
  const query: QueueQuery = {
    scope,
    state: filters.state,
    status: filters.status,
    department: access.department,
    severity: filters.severity,
    minEscalationLevel: filters.escalationLevel,
    overdue: filters.overdue,
    referenceContains: filters.reference,
    limit: filters.limit,
    cursor: filters.cursor,
    now: now(),
  };
  // A cursor only continues the queue it came from.
  if (query.cursor && Object.values(query.cursor).every((value) => value !== partitionValue(query))) {
    throw problems.validation([{ field: 'cursor', message: 'belongs to another query' }]);
  }
  const { items, cursor } = await queryQueue(query);
  return jsonResponse(200, {
    items: items.map((complaint) => queueRow(complaint, query.now)),
    nextCursor: encodeCursor(cursor),
  });
});
