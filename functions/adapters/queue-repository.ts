import type { ComplaintLookup } from '../app/search-complaints.ts';
import type { QueueItem, QueueScope } from '../domain/queue.ts';
import { queuePartition, type QueueCursor, type QueueSegment } from '../domain/queue-plan.ts';
import type { ComplaintStatus, Severity } from '../domain/vocabulary.ts';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { isAwsError } from './aws-errors.ts';
import { readComplaintItems } from './complaint-batch.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import { ASSIST_SORT_KEY_PREFIX, itemKeys, TABLE_SCHEMA, type IndexName } from './table.ts';

export interface QueueQuery {
  /** Which queue: everything, one department's, or one person's. */
  scope: QueueScope;
  /** The stretches to read, in order (domain/queue-plan.ts). */
  segments: readonly QueueSegment[];
  /** A concrete status; none (or "any") lists every status of the segments' halves. */
  status?: ComplaintStatus | undefined;
  /** Restrict a person's queue to one department (for callers who only see their own). */
  department?: string | undefined;
  /** Only complaints nobody is assigned to. */
  unassigned?: boolean | undefined;
  severity?: Severity | undefined;
  /** Only complaints at this escalation level or higher. */
  minEscalationLevel?: number | undefined;
  /** Only complaints whose next deadline has passed. */
  overdue?: boolean | undefined;
  /** Part of the reference, e.g. "261123" or "7K3Q". */
  referenceContains?: string | undefined;
  limit: number;
  cursor?: QueueCursor | undefined;
  now: Date;
}

const DUE_INDEX: Record<QueueScope['kind'], IndexName> = {
  all: 'queueAllByDue',
  department: 'queueDepartmentByDue',
  assignee: 'queueAssigneeByDue',
};

/**
 * The index a segment of a scope reads, its key attribute names and partition. Submission-time
 * order has one index over every complaint: a department's or a person's listing filters it.
 */
export const segmentIndex = (scope: QueueScope, segment: QueueSegment) => {
  const name: IndexName = segment.order === 'due' ? DUE_INDEX[scope.kind] : 'queueAllBySubmission';
  const index = TABLE_SCHEMA.globalSecondaryIndexes.find((declared) => declared.indexName === name)!;
  const partitionScope: QueueScope = segment.order === 'due' ? scope : { kind: 'all' };
  return {
    name,
    partitionKey: index.partitionKey,
    sortKey: index.sortKey,
    partitionValue: queuePartition(partitionScope, segment.state),
  };
};

/** A cursor that DynamoDB refused after all (it passed our checks): the caller answers 400. */
export class InvalidCursor extends Error {
  override name = 'InvalidCursor';
}

const MAX_ROUNDS = 10;

/** The condition, names and values of one segment's Query. */
const segmentQuery = (query: QueueQuery, segment: QueueSegment) => {
  const index = segmentIndex(query.scope, segment);
  const names: Record<string, string> = { '#partition': index.partitionKey };
  const values: Record<string, unknown> = { ':partition': index.partitionValue };
  let keyCondition = '#partition = :partition';
  const filters: string[] = [];
  const equal = (attribute: string, value: unknown) => {
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    filters.push(`#${attribute} = :${attribute}`);
  };
  if (query.overdue) {
    names['#due'] = segment.order === 'due' ? 'queueDueAt' : 'nextDueAt';
    values[':now'] = query.now.toISOString();
    // On the due-time index it is a key range; otherwise a filter on the projected deadline.
    if (segment.order === 'due') keyCondition += ' AND #due < :now';
    else filters.push('#due < :now');
  }
  if (query.status) equal('status', query.status);
  if (segment.order === 'submitted' && query.scope.kind === 'department')
    equal('department', query.scope.department);
  else if (query.department) equal('department', query.department);
  if (segment.order === 'submitted' && query.scope.kind === 'assignee')
    equal('assignee', query.scope.assignee);
  if (query.severity) equal('severity', query.severity);
  if (segment.priority === 'none') {
    names['#priority'] = 'priority';
    filters.push('attribute_not_exists(#priority)');
  } else if (segment.priority) equal('priority', segment.priority);
  if (query.unassigned) {
    names['#assignee'] = 'assignee';
    filters.push('attribute_not_exists(#assignee)');
  }
  if (query.minEscalationLevel !== undefined) {
    names['#level'] = 'escalationLevel';
    values[':level'] = query.minEscalationLevel;
    filters.push('#level >= :level');
  }
  if (query.referenceContains) {
    names['#reference'] = 'reference';
    values[':reference'] = query.referenceContains.toUpperCase();
    filters.push('contains(#reference, :reference)');
  }
  return {
    IndexName: index.name,
    KeyConditionExpression: keyCondition,
    ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: segment.forward,
    index,
  };
};

/**
 * One page of a listing, read segment after segment from queue indexes (never a Scan). Filters
 * that are not part of the key run as a FilterExpression, so the query reads further rounds until
 * the page is full (a page may come back short, with a cursor, after MAX_ROUNDS); the cursor is the
 * segment and the key of the last row returned.
 */
export const queryQueue = async (
  query: QueueQuery,
): Promise<{ items: QueueItem[]; cursor: QueueCursor | undefined }> => {
  const items: { item: Record<string, unknown>; segment: number }[] = [];
  let segment = query.cursor?.segment ?? 0;
  const resumeAt = query.cursor?.key;
  let startKey: Record<string, unknown> | undefined =
    resumeAt && Object.keys(resumeAt).length > 0 ? resumeAt : undefined;
  for (let round = 0; round < MAX_ROUNDS && items.length < query.limit && segment < query.segments.length;) {
    const { index: _index, ...input } = segmentQuery(query, query.segments[segment]!);
    let page;
    try {
      page = await documentClient.send(
        new QueryCommand({
          TableName: requireSetting('TABLE_NAME'),
          ...input,
          ExclusiveStartKey: startKey,
          Limit: Math.max(query.limit * 2, 20),
        }),
      );
    } catch (error) {
      if (startKey && isAwsError(error, 'ValidationException')) throw new InvalidCursor(String(error));
      throw error;
    }
    round += 1;
    items.push(...(page.Items ?? []).map((item) => ({ item, segment })));
    startKey = page.LastEvaluatedKey;
    if (!startKey) segment += 1;
  }
  const returned = items.slice(0, query.limit);
  const last = returned.at(-1);
  let cursor: QueueCursor | undefined;
  if (items.length > query.limit && last) {
    // Rows were read past the page: continue after the last one shown.
    const { partitionKey, sortKey } = segmentIndex(query.scope, query.segments[last.segment]!);
    const key = Object.fromEntries(
      ['pk', 'sk', partitionKey, sortKey].map((name) => [name, String(last.item[name])]),
    );
    cursor = { segment: last.segment, key };
  } else if (startKey) {
    cursor = { segment, key: startKey as Record<string, string> };
  } else if (segment < query.segments.length) {
    // The rounds ran out at a segment's start: continue with it (an empty key means "from the start").
    cursor = { segment, key: {} };
  }
  // The submission-time index projects what its filters read: the rows come from the table.
  const hydrated = returned.some(({ segment: at }) => query.segments[at]!.order === 'submitted')
    ? new Map((await queueItemsOf(returned.map(({ item }) => String(item.id)))).map((row) => [row.id, row]))
    : undefined;
  const rows = returned.flatMap(({ item }) =>
    hydrated ? (hydrated.get(String(item.id)) ?? []) : [asQueueItem(item)],
  );
  return { items: rows, cursor };
};

/** An index row as a queue item: an assist's row (domain/queue.ts) names its assist by its sort key. */
const asQueueItem = (item: Record<string, unknown>): QueueItem => {
  const sortKey = typeof item.sk === 'string' ? item.sk : '';
  const { pk: _pk, sk: _sk, ...row } = item;
  return {
    ...(row as unknown as QueueItem),
    ...(sortKey.startsWith(ASSIST_SORT_KEY_PREFIX)
      ? { assistId: sortKey.slice(ASSIST_SORT_KEY_PREFIX.length) }
      : {}),
  };
};

/** What a search result row needs: the attributes the queue indexes project (domain/staff-view.ts). */
const QUEUE_ROW_ATTRIBUTES = TABLE_SCHEMA.globalSecondaryIndexes.find(
  (index) => index.indexName === 'queueAllByDue',
)!.projectedAttributes;

/** The complaints with these ids as queue items (a search's results), those that exist. */
export const queueItemsOf = (ids: readonly string[]): Promise<QueueItem[]> =>
  readComplaintItems(ids, QUEUE_ROW_ATTRIBUTES);

/** The complaint a reference names, if any. */
export const complaintIdOfReference = async (reference: string): Promise<string | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: requireSetting('TABLE_NAME'), Key: itemKeys.reference(reference) }),
  );
  return typeof Item?.complaintId === 'string' ? Item.complaintId : undefined;
};

/** The ids of the complaints under one key of a customer index (email or phone), newest first. */
export const complaintIdsByCustomer = async (
  index: 'byCustomer' | 'byCustomerPhone',
  key: string,
  limit: number,
): Promise<string[]> => {
  const attribute = index === 'byCustomer' ? 'customerKey' : 'customerPhoneKey';
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: requireSetting('TABLE_NAME'),
      IndexName: index satisfies IndexName,
      KeyConditionExpression: '#key = :key',
      ExpressionAttributeNames: { '#key': attribute },
      ExpressionAttributeValues: { ':key': key },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => String(item.id));
};

/** The search's lookups on the table (app/search-complaints.ts). */
export const complaintLookup: ComplaintLookup = {
  idOfReference: complaintIdOfReference,
  idsOfCustomer: (by, key, limit) =>
    complaintIdsByCustomer(by === 'email' ? 'byCustomer' : 'byCustomerPhone', key, limit),
  queueItems: queueItemsOf,
};
