import { createHash } from 'node:crypto';
import type { QueueScope } from './queue.ts';
import { PRIORITIES, type ComplaintStatus, type Priority } from './vocabulary.ts';

export const QUEUE_SORTS = ['due', 'submitted', 'priority'] as const;
/** due: next deadline (finished cases: last change); submitted: submission time; priority: P1…P4, then untriaged, each by due. */
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export type QueueState = 'open' | 'done';

const DONE_STATUSES: ReadonlySet<ComplaintStatus> = new Set(['resolved', 'closed', 'rejected']);

/** Which halves of the queue a status filter reads: a status lives in one; "any" reads open work, then finished. */
export const statesFor = (
  state: QueueState | 'any',
  status: ComplaintStatus | 'any' | undefined,
  overdue: boolean | undefined,
): QueueState[] => {
  if (overdue) return ['open'];
  if (status === 'any' || state === 'any') return ['open', 'done'];
  if (status) return [DONE_STATUSES.has(status) ? 'done' : 'open'];
  return [state];
};

/**
 * One stretch of a listing: a range of one queue index, read in one direction, with perhaps one
 * priority. A listing reads its segments one after another; the cursor names the segment it is in.
 */
export interface QueueSegment {
  state: QueueState;
  /** Which sort key of the scope's index: the next due time or the submission time. */
  order: 'due' | 'submitted';
  forward: boolean;
  /** Sorting by priority reads the due-time index once per priority (P1 first), then untriaged. */
  priority?: Priority | 'none' | undefined;
}

/**
 * The segments of a listing, in the order they are read. Sorting by priority needs no index of its
 * own: four priorities and "untriaged" are five filtered reads of the due-time index, which also puts
 * each priority's cases in deadline order.
 */
export const queueSegments = (
  states: readonly QueueState[],
  sort: QueueSort,
  order: SortOrder,
): QueueSegment[] => {
  const forward = order === 'asc';
  return states.flatMap((state): QueueSegment[] => {
    if (sort !== 'priority') return [{ state, order: sort, forward }];
    const priorities: (Priority | 'none')[] = [...PRIORITIES, 'none'];
    return (forward ? priorities : priorities.toReversed()).map((priority) => ({
      state,
      order: 'due',
      forward,
      priority,
    }));
  });
};

/** The partition of a queue index a scope and state name: "<all|department|assignee>#<open|done>". */
export const queuePartition = (scope: QueueScope, state: QueueState): string => {
  if (scope.kind === 'all') return `all#${state}`;
  return `${scope.kind === 'department' ? scope.department : scope.assignee}#${state}`;
};

/** A position in a listing: the segment, and DynamoDB's key of the last row read there. */
export interface QueueCursor {
  segment: number;
  key: Record<string, string>;
}

/**
 * What a cursor must look like to continue a listing: the attribute names of its segment's index
 * key, the segment's partition, a complaint's table key, and (for an overdue listing) a sort key
 * before now. Anything else was not made by this API: it answers 400 instead of reaching DynamoDB.
 */
export interface CursorShape {
  segments: number;
  /** For segment `s`: the index's partition attribute and value, and its sort attribute. */
  indexKey: (segment: number) => { partition: string; value: string; sort: string };
  /** The sort key must be below this (overdue listings query `sort < now`). */
  sortBelow?: string | undefined;
}

/** A fingerprint of everything that shapes a listing, so a cursor only continues the listing it came from. */
export const listingFingerprint = (listing: Record<string, unknown>): string =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(listing).toSorted(([a], [b]) => a.localeCompare(b))))
    .digest('base64url')
    .slice(0, 16);

export const encodeQueueCursor = (cursor: QueueCursor, fingerprint: string): string =>
  Buffer.from(JSON.stringify({ v: 1, f: fingerprint, s: cursor.segment, k: cursor.key })).toString(
    'base64url',
  );

const MAX_KEY_VALUE = 300;

/** Reads a cursor back; undefined (→ 400) for anything this API would not have returned for this listing. */
export const decodeQueueCursor = (
  encoded: string,
  fingerprint: string,
  shape: CursorShape,
): QueueCursor | undefined => {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!decoded || typeof decoded !== 'object') return undefined;
  const { v, f, s, k } = decoded as Record<string, unknown>;
  if (v !== 1 || f !== fingerprint) return undefined;
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s >= shape.segments) return undefined;
  if (!k || typeof k !== 'object' || Array.isArray(k)) return undefined;
  const key = k as Record<string, unknown>;
  // An empty key continues at the segment's start (the page ended between two segments).
  if (Object.keys(key).length === 0) return { segment: s, key: {} };
  const index = shape.indexKey(s);
  const expected = new Set(['pk', 'sk', index.partition, index.sort]);
  const names = Object.keys(key);
  if (names.length !== expected.size || !names.every((name) => expected.has(name))) return undefined;
  if (!names.every((name) => typeof key[name] === 'string' && key[name].length <= MAX_KEY_VALUE))
    return undefined;
  const values = key as Record<string, string>;
  // A complaint's own row, or an assist's row beside it (domain/queue.ts, assistQueueItems).
  if (!/^COMPLAINT#[0-9A-Z]{26}$/u.test(values.pk!) || !/^(?:META|ASSIST#[0-9A-Z-]{1,64})$/u.test(values.sk!))
    return undefined;
  if (values[index.partition] !== index.value) return undefined;
  if (shape.sortBelow !== undefined && !(values[index.sort]! < shape.sortBelow)) return undefined;
  return { segment: s, key: values };
};
