import { searchComplaints } from '../../app/search-complaints.ts';
import { searchTermOf } from '../../domain/contact-keys.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { assigneeFilter, queueScopeFor } from '../../domain/queue.ts';
import {
  decodeQueueCursor,
  encodeQueueCursor,
  listingFingerprint,
  queueSegments,
  statesFor,
} from '../../domain/queue-plan.ts';
import { queueRow } from '../../domain/staff-view.ts';
import { canAccessDepartment } from '../../domain/staff.ts';
import { now } from '../../adapters/clock.ts';
import {
  complaintLookup,
  InvalidCursor,
  queryQueue,
  segmentIndex,
  type QueueQuery,
} from '../../adapters/queue-repository.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { forbidden, requireStaff } from '../http/staff-auth.ts';
import { queueQuerySchema } from './schemas.ts';

const badCursor = () =>
  problems.validation([{ field: 'cursor', message: 'is not a cursor this API returned for this listing' }]);

/**
 * GET /v1/staff/complaints — a work queue (filtered, sorted by next due time, submission time or
 * priority, with cursor pagination), or a search (`q`): a reference, a customer's email or phone.
 */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const parsed = queueQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const filters = parsed.data;
  const at = now();
  const { assignee, unassigned } = assigneeFilter(principal, filters.assignee);
  const access = queueScopeFor(principal, { department: filters.department, assignee });
  if (access.kind === 'forbidden') throw forbidden(access.reason);

  if (filters.q !== undefined) {
    const term = searchTermOf(filters.q);
    if (!term) {
      throw problems.validation([
        { field: 'q', message: 'must be a reference (CMP-…), an email address or a phone number' },
      ]);
    }
    // Every result stays within what the caller may see, and within a department they asked for.
    const department = filters.department;
    const items = await searchComplaints(
      complaintLookup,
      term,
      (item) =>
        canAccessDepartment(principal, item.department) &&
        (department === undefined || item.department === department),
    );
    return jsonResponse(200, { items: items.map((item) => queueRow(item, at)), nextCursor: null });
  }

  const { scope } = access;
  const segments = queueSegments(
    statesFor(filters.state, filters.status, filters.overdue),
    filters.sort,
    filters.order,
  );
  const { cursor: encoded, limit: _limit, ...shaping } = filters;
  const fingerprint = listingFingerprint({ ...shaping, assignee, principal: principal.subject });
  const cursor =
    encoded === undefined
      ? undefined
      : decodeQueueCursor(encoded, fingerprint, {
          segments: segments.length,
          indexKey: (segment) => {
            const index = segmentIndex(scope, segments[segment]!);
            return { partition: index.partitionKey, value: index.partitionValue, sort: index.sortKey };
          },
          sortBelow: filters.overdue && filters.sort !== 'submitted' ? at.toISOString() : undefined,
        });
  if (encoded !== undefined && !cursor) throw badCursor();
  const query: QueueQuery = {
    scope,
    segments,
    status: filters.status === 'any' ? undefined : filters.status,
    department: access.department,
    unassigned,
    severity: filters.severity,
    minEscalationLevel: filters.escalationLevel,
    overdue: filters.overdue,
    referenceContains: filters.reference,
    limit: filters.limit,
    cursor,
    now: at,
  };
  try {
    const page = await queryQueue(query);
    return jsonResponse(200, {
      items: page.items.map((complaint) => queueRow(complaint, at)),
      nextCursor: page.cursor ? encodeQueueCursor(page.cursor, fingerprint) : null,
    });
  } catch (error) {
    if (error instanceof InvalidCursor) throw badCursor();
    throw error;
  }
});
