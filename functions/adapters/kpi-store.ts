import { QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { isTransactionConflict, namedItems, type TransactItem } from './aws-errors.ts';
import type { ComplaintEvent } from '../domain/audit-event.ts';
import type { Complaint } from '../domain/complaint.ts';
import type { CommitOutcome, KpiCounters, KpiReader } from '../app/ports.ts';
import type { CounterItem, FoldedCounts } from '../domain/kpi-fold.ts';
import { kpiShards, mergeCounterRows, mergeGauges } from '../domain/kpi-shards.ts';
import type { Counters } from '../domain/kpi-counters.ts';
import type { CounterRow } from '../domain/kpi-report.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import { surgeBucketExpiresAt } from '../domain/surge.ts';
import { COMPLAINT_SORT_KEY, EVENT_SORT_KEY_PREFIX, itemKeys } from './table.ts';

const tableName = () => requireSetting('TABLE_NAME');

/** Longer than a stream keeps a record (24 h) plus every retry, so a redelivery always finds it. */
const COUNTED_MARKER_TTL_SECONDS = 7 * 24 * 60 * 60;

const NON_COUNTER_ATTRIBUTES = new Set(['pk', 'sk', 'entity', 'day', 'value', 'dimension']);

const countersOf = (item: Record<string, unknown>): Counters =>
  Object.fromEntries(
    Object.entries(item).filter(
      (entry): entry is [string, number] =>
        !NON_COUNTER_ATTRIBUTES.has(entry[0]) && typeof entry[1] === 'number',
    ),
  );

const queryAll = async (input: QueryCommandInput) => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

/** The complaint and its audit events, in one strongly consistent Query of its partition. */
export const readComplaintWithEvents = async (
  complaintId: string,
): Promise<{ complaint: Complaint | undefined; events: ComplaintEvent[] }> => {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': itemKeys.complaint(complaintId).pk },
    ConsistentRead: true,
  });
  const meta = items.find((item) => item.sk === COMPLAINT_SORT_KEY);
  const events = items
    .filter((item) => typeof item.sk === 'string' && item.sk.startsWith(EVENT_SORT_KEY_PREFIX))
    .map((item) => item as unknown as ComplaintEvent);
  return { complaint: meta as unknown as Complaint | undefined, events };
};

const addCounters = (
  key: Record<string, string>,
  counters: Counters,
  labels: Record<string, string | number>,
): TransactItem => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds: string[] = [];
  Object.entries(counters).forEach(([name, amount], index) => {
    names[`#c${index}`] = name;
    values[`:c${index}`] = amount;
    adds.push(`#c${index} :c${index}`);
  });
  const sets = Object.entries(labels).map(([name, value], index) => {
    names[`#l${index}`] = name;
    values[`:l${index}`] = value;
    return `#l${index} = :l${index}`;
  });
  return {
    Update: {
      TableName: tableName(),
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
};

/** The key and descriptive attributes of a counter item. */
const counterItem = (
  item: CounterItem,
): { key: Record<string, string>; labels: Record<string, string | number> } => {
  switch (item.kind) {
    case 'day':
      return {
        key: itemKeys.kpiDay(item.dimension, item.day, item.value, item.shard),
        labels: { entity: 'kpi-day', day: item.day, value: item.value },
      };
    case 'now':
      return {
        key: itemKeys.kpiNow(item.dimension, item.value, item.shard),
        labels: { entity: 'kpi-now', value: item.value },
      };
    case 'surge':
      return {
        key: itemKeys.surgeBucket(item.dimension, item.value, item.bucket),
        // The table's TTL attribute: buckets older than any rule reads are deleted by DynamoDB.
        labels: { entity: 'surge-bucket', bucket: item.bucket, expiresAt: surgeBucketExpiresAt(item.bucket) },
      };
  }
};

/**
 * Writes one folded transaction (domain/kpi-fold.ts): a marker per event, which must not exist yet,
 * and the summed increments of its counter items. If a marker already exists its event was counted
 * before (a redelivered record): nothing is written and the caller folds the others again.
 */
export const commitCounts = async (counts: FoldedCounts, now: Date): Promise<CommitOutcome> => {
  const TableName = tableName();
  const expiresAt = Math.floor(now.getTime() / 1000) + COUNTED_MARKER_TTL_SECONDS;
  const markers = counts.eventIds.map((eventId): TransactItem => ({
    Put: {
      TableName,
      Item: { ...itemKeys.kpiCounted(eventId), entity: 'kpi-counted', expiresAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
  const transaction = namedItems<`marker${number}` | `counter${number}`>({
    ...Object.fromEntries(markers.map((item, index) => [`marker${index}`, item])),
    ...Object.fromEntries(
      counts.changes.map((change, index) => {
        const { key, labels } = counterItem(change.item);
        return [`counter${index}`, addCounters(key, change.counters, labels)];
      }),
    ),
  });
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: transaction.items }));
    return { kind: 'committed' };
  } catch (error) {
    const counted = counts.eventIds.filter(
      (_, index) => transaction.reason(error, `marker${index}`) === 'ConditionalCheckFailed',
    );
    if (counted.length > 0) return { kind: 'already-counted', eventIds: counted };
    if (isTransactionConflict(error)) return { kind: 'conflict' };
    throw error;
  }
};

const queryShards = (query: (shard: number) => Promise<Record<string, unknown>[]>) =>
  Promise.all(kpiShards().map(query));

/**
 * The day items of one dimension (`all` for the total) from `from` to `to` (inclusive), the shards
 * read in parallel and summed into one row per day and group.
 */
export const readCounterRows = async (dimension: string, from: string, to: string): Promise<CounterRow[]> => {
  const shards = await queryShards((shard) =>
    queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': itemKeys.kpiPartition(dimension, shard),
        ':from': `DAY#${from}`,
        // '$' sorts after '#', so every group of the last day is included.
        ':to': `DAY#${to}$`,
      },
    }),
  );
  return mergeCounterRows(
    shards.map((items) =>
      items.map((item) => ({ day: String(item.day), value: String(item.value), counters: countersOf(item) })),
    ),
  );
};

/** The "now" gauges of one dimension, one per group, summed over the shards. */
export const readGauges = async (dimension: string): Promise<{ value: string; counters: Counters }[]> => {
  const shards = await queryShards((shard) =>
    queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :now)',
      ExpressionAttributeValues: { ':pk': itemKeys.kpiPartition(dimension, shard), ':now': 'NOW#' },
    }),
  );
  return mergeGauges(
    shards.map((items) => items.map((item) => ({ value: String(item.value), counters: countersOf(item) }))),
  );
};

export const kpiCounters: KpiCounters = {
  complaintWithEvents: readComplaintWithEvents,
  commit: commitCounts,
};

export const kpiReader: KpiReader = { rows: readCounterRows, gauges: readGauges };
