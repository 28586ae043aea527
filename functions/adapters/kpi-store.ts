import { QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { isAwsError, isTransactionConflict, namedItems, type TransactItem } from './aws-errors.ts';
import type { ComplaintEvent } from '../domain/audit-event.ts';
import type { Complaint } from '../domain/complaint.ts';
import type { CountTarget, KpiCounters, KpiReader } from '../app/ports.ts';
import type { Counters } from '../domain/kpi-counters.ts';
import type { CounterRow } from '../domain/kpi-report.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
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
  labels: Record<string, string>,
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

/**
 * Adds one event's counter changes to every group's day item and "now" gauges, together with a
 * marker for the event, in one transaction: if the marker already exists the event was counted
 * before (a redelivered record) and nothing changes.
 */
export const addEventCounts = async (
  target: CountTarget,
  now: Date,
): Promise<'counted' | 'already-counted' | 'conflict'> => {
  const TableName = tableName();
  const counters: TransactItem[] = [];
  for (const { dimension, value } of target.groups) {
    if (Object.keys(target.delta.daily).length > 0) {
      counters.push(
        addCounters(itemKeys.kpiDay(dimension, target.day, value), target.delta.daily, {
          entity: 'kpi-day',
          day: target.day,
          value,
        }),
      );
    }
    if (Object.keys(target.delta.now).length > 0) {
      counters.push(
        addCounters(itemKeys.kpiNow(dimension, value), target.delta.now, { entity: 'kpi-now', value }),
      );
    }
  }
  for (const { dimension, value, bucket } of target.surgeBuckets ?? []) {
    counters.push(
      addCounters(
        itemKeys.surgeBucket(dimension, value, bucket),
        { count: 1 },
        {
          entity: 'surge-bucket',
          bucket,
        },
      ),
    );
  }
  const transaction = namedItems<'countedMarker' | `counter${number}`>({
    countedMarker: {
      Put: {
        TableName,
        Item: {
          ...itemKeys.kpiCounted(target.eventId),
          entity: 'kpi-counted',
          expiresAt: Math.floor(now.getTime() / 1000) + COUNTED_MARKER_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...Object.fromEntries(counters.map((item, index) => [`counter${index}`, item])),
  });
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: transaction.items }));
    return 'counted';
  } catch (error) {
    if (transaction.reason(error, 'countedMarker') === 'ConditionalCheckFailed') return 'already-counted';
    if (isAwsError(error, 'ConditionalCheckFailedException')) return 'already-counted';
    if (isTransactionConflict(error)) return 'conflict';
    throw error;
  }
};

/** The day items of one dimension (`all` for the total) from `from` to `to` (inclusive). */
export const readCounterRows = async (dimension: string, from: string, to: string): Promise<CounterRow[]> => {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': `KPI#${dimension}`,
      ':from': `DAY#${from}`,
      // '$' sorts after '#', so every group of the last day is included.
      ':to': `DAY#${to}$`,
    },
  });
  return items.map((item) => ({
    day: String(item.day),
    value: String(item.value),
    counters: countersOf(item),
  }));
};

/** The "now" gauges of one dimension, one per group. */
export const readGauges = async (dimension: string): Promise<{ value: string; counters: Counters }[]> => {
  const items = await queryAll({
    TableName: tableName(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :now)',
    ExpressionAttributeValues: { ':pk': `KPI#${dimension}`, ':now': 'NOW#' },
  });
  return items.map((item) => ({ value: String(item.value), counters: countersOf(item) }));
};

export const kpiCounters: KpiCounters = { complaintWithEvents: readComplaintWithEvents, add: addEventCounts };

export const kpiReader: KpiReader = { rows: readCounterRows, gauges: readGauges };
