import type { QueueItem, QueueScope } from '../domain/queue.ts';
import type { ComplaintStatus, Severity } from '../domain/vocabulary.ts';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import type { IndexName } from './table.ts';

export interface QueueQuery {
  /** Which queue: everything, one department's, or one person's. */
  scope: QueueScope;
  /** Open work (default) or finished cases. */
  state: 'open' | 'done';
  status?: ComplaintStatus | undefined;
  /** Restrict a person's queue to one department (for callers who only see their own). */
  department?: string | undefined;
  severity?: Severity | undefined;
  /** Only complaints at this escalation level or higher. */
  minEscalationLevel?: number | undefined;
  /** Only complaints whose next deadline has passed. */
  overdue?: boolean | undefined;
  /** Part of the reference, e.g. "261123" or "7K3Q". */
  referenceContains?: string | undefined;
  limit: number;
  cursor?: Record<string, unknown> | undefined;
  now: Date;
}

const INDEX: Record<QueueQuery['scope']['kind'], { name: IndexName; key: string }> = {
  all: { name: 'queueAll', key: 'queueAll' },
  department: { name: 'queueByDepartment', key: 'queueDepartment' },
  assignee: { name: 'queueByAssignee', key: 'queueAssignee' },
};

const MAX_ROUNDS = 10;

export const partitionValue = (query: QueueQuery): string => {
  const { scope, state } = query;
  if (scope.kind === 'all') return `all#${state}`;
  return `${scope.kind === 'department' ? scope.department : scope.assignee}#${state}`;
};

/**
 * One page of a work queue, sorted by next due time, from a queue index (never a Scan). Filters
 * that are not part of the key run as a FilterExpression, so the query reads further rounds until
 * the page is full; the cursor is the key of the last row returned.
 */
export const queryQueue = async (
  query: QueueQuery,
): Promise<{ items: QueueItem[]; cursor: Record<string, unknown> | undefined }> => {
  const index = INDEX[query.scope.kind];
  const names: Record<string, string> = { '#partition': index.key };
  const values: Record<string, unknown> = { ':partition': partitionValue(query) };
  let keyCondition = '#partition = :partition';
  if (query.overdue) {
    keyCondition += ' AND #due < :now';
    names['#due'] = 'queueDueAt';
    values[':now'] = query.now.toISOString();
  }
  const filters: string[] = [];
  if (query.status) {
    names['#status'] = 'status';
    values[':status'] = query.status;
    filters.push('#status = :status');
  }
  if (query.department) {
    names['#department'] = 'department';
    values[':department'] = query.department;
    filters.push('#department = :department');
  }
  if (query.severity) {
    names['#severity'] = 'severity';
    values[':severity'] = query.severity;
    filters.push('#severity = :severity');
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

  const items: Record<string, unknown>[] = [];
  let startKey = query.cursor;
  for (let round = 0; round < MAX_ROUNDS && items.length < query.limit; round += 1) {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: requireSetting('TABLE_NAME'),
        IndexName: index.name,
        KeyConditionExpression: keyCondition,
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: startKey,
        Limit: Math.max(query.limit * 2, 20),
      }),
    );

    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    if (!startKey) break;
  }
  const returned = items.slice(0, query.limit);
  const last = returned.at(-1);
  // Rows were read past the page: continue after the last one shown; otherwise where DynamoDB stopped.
  const cursor =
    items.length > query.limit && last
      ? { pk: last.pk, sk: last.sk, [index.key]: last[index.key], queueDueAt: last.queueDueAt }
      : startKey;
  return { items: returned as unknown as QueueItem[], cursor };
};
