import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  CreateOutcome,
  CustomerComplaintSummary,
  CustomerHistory,
  IdempotencyRecord,
  IntakeRepository,
  StageWaits,
} from '../app/ports.ts';
import type { ComplaintEvent } from '../domain/audit-event.ts';
import type { Complaint } from '../domain/complaint.ts';
import type { ComplaintSummary } from '../domain/staff-view.ts';
import { LIFECYCLE_WATCH_ATTRIBUTE_NAMES, lifecycleWatchAttributes } from '../domain/lifecycle-watch.ts';
import { assistQueueItems, QUEUE_ATTRIBUTE_NAMES, queueAttributes } from '../domain/queue.ts';
import { RETENTION_ATTRIBUTE_NAMES, retentionAttributes } from '../domain/retention.ts';
import { isAwsError, isTransactionConflict, namedItems } from './aws-errors.ts';
import { readComplaintItems } from './complaint-batch.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import { correctiveActionListChanges } from '../domain/corrective-actions.ts';
import { ALL_DEPARTMENTS_LIST, itemKeys, type IndexName } from './table.ts';

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

const tableName = () => requireSetting('TABLE_NAME');

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, entity: _entity, expiresAt: _expiresAt, ...rest } = item;
  for (const name of [
    ...QUEUE_ATTRIBUTE_NAMES,
    ...LIFECYCLE_WATCH_ATTRIBUTE_NAMES,
    ...RETENTION_ATTRIBUTE_NAMES,
  ])
    delete rest[name];
  return rest as T;
};

/**
 * Writes a new complaint, its reference, its first audit events and (optionally) the idempotency
 * record in one transaction: either all exist or none does.
 */
export const createComplaint = async (
  complaint: Complaint,
  events: readonly ComplaintEvent[],
  idempotency: IdempotencyRecord | undefined,
  now: Date,
): Promise<CreateOutcome> => {
  const TableName = tableName();
  const notExists = 'attribute_not_exists(pk)';
  const eventItems = Object.fromEntries(
    events.map((event, index) => [
      `event${index}`,
      {
        Put: {
          TableName,
          Item: { ...itemKeys.event(complaint.id, event.eventId), entity: 'event', ...event },
        },
      },
    ]),
  );
  const transaction = namedItems<'complaint' | 'reference' | `event${number}` | 'idempotency'>({
    complaint: {
      Put: {
        TableName,
        Item: {
          ...itemKeys.complaint(complaint.id),
          entity: 'complaint',
          ...complaint,
          ...queueAttributes(complaint),
          ...lifecycleWatchAttributes(complaint),
          ...retentionAttributes(complaint),
        },
        ConditionExpression: notExists,
      },
    },
    reference: {
      Put: {
        TableName,
        Item: { ...itemKeys.reference(complaint.reference), entity: 'reference', complaintId: complaint.id },
        ConditionExpression: notExists,
      },
    },
    ...eventItems,
    idempotency: idempotency && {
      Put: {
        TableName,
        Item: {
          ...itemKeys.idempotency(idempotency.key),
          entity: 'idempotency',
          ...idempotency,
          expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: notExists,
      },
    },
  });
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: transaction.items }));
    return { kind: 'created' };
  } catch (error) {
    if (transaction.reason(error, 'idempotency') === 'ConditionalCheckFailed')
      return { kind: 'idempotency-key-taken' };
    if (transaction.reason(error, 'reference') === 'ConditionalCheckFailed')
      return { kind: 'reference-taken' };
    if (isTransactionConflict(error)) return { kind: 'transaction-conflict' };
    throw error;
  }
};

export const getIdempotencyRecord = async (key: string): Promise<IdempotencyRecord | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: itemKeys.idempotency(key), ConsistentRead: true }),
  );
  // An expired record may linger until DynamoDB's TTL sweep removes it.
  if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 < Date.now())) return undefined;
  return stripKeys<IdempotencyRecord>(Item);
};

export const getComplaint = async (id: string): Promise<Complaint | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: itemKeys.complaint(id), ConsistentRead: true }),
  );
  return Item ? stripKeys<Complaint>(Item) : undefined;
};

/** The complaint id a reference names: the reference item written with the complaint (GetItem). */
export const complaintIdOfReference = async (reference: string): Promise<string | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: itemKeys.reference(reference) }),
  );
  return typeof Item?.['complaintId'] === 'string' ? Item['complaintId'] : undefined;
};

export const listEvents = async (complaintId: string): Promise<ComplaintEvent[]> => {
  const { pk, skPrefix } = itemKeys.eventPrefix(complaintId);
  const events: ComplaintEvent[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    events.push(...(page.Items ?? []).map((item) => stripKeys<ComplaintEvent>(item)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return events;
};

/** Attributes the repository manages itself; callers never change them directly. */
const MANAGED = new Set([
  'id',
  'version',
  'updatedAt',
  'pk',
  'sk',
  'entity',
  'waitToken',
  'waitStage',
  ...QUEUE_ATTRIBUTE_NAMES,
  ...LIFECYCLE_WATCH_ATTRIBUTE_NAMES,
  ...RETENTION_ATTRIBUTE_NAMES,
]);

/**
 * Saves changes to a complaint if nobody changed it since `before` was read (optimistic locking on
 * `version` and the workflow's `waitToken`), with the audit events of the change, in one
 * transaction. `undefined` removes a field.
 */
export const saveComplaint = async (
  before: Complaint,
  changes: Partial<Complaint>,
  events: readonly ComplaintEvent[],
  at: Date,
): Promise<'saved' | 'conflict'> => {
  const names: Record<string, string> = {
    '#version': 'version',
    '#updatedAt': 'updatedAt',
    '#waitToken': 'waitToken',
  };
  const values: Record<string, unknown> = { ':expected': before.version, ':one': 1, ':at': at.toISOString() };
  // The workflow stores its callback token without a version bump; checking the token too means a
  // saved change is always signalled to the token that was current when it was saved.
  let condition = '#version = :expected AND attribute_not_exists(#waitToken)';
  if (before.waitToken !== undefined) {
    values[':waitToken'] = before.waitToken;
    condition = '#version = :expected AND #waitToken = :waitToken';
  }
  const sets = ['#version = #version + :one', '#updatedAt = :at'];
  const removes: string[] = [];
  for (const field of Object.keys(changes)) {
    if (MANAGED.has(field)) throw new Error(`${field} cannot be changed directly`);
  }
  // The queue placement is derived from the complaint as it will be, and rewritten with every save.
  const after = { ...before, ...changes, updatedAt: at.toISOString() };
  const queue = {
    ...queueAttributes(after),
    ...lifecycleWatchAttributes(after),
    ...retentionAttributes(after),
  };
  Object.entries({ ...changes, ...queue }).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    if (value === undefined) {
      removes.push(`#f${index}`);
    } else {
      values[`:v${index}`] = value;
      sets.push(`#f${index} = :v${index}`);
    }
  });
  const TableName = tableName();
  // The assists' queue rows, written in the same transaction (a save with no assists writes none).
  const assistRows = assistQueueItems(before, { ...after, version: before.version + 1 });
  // The corrective actions list (its department's and the all-departments one), in the same transaction.
  const listChange = correctiveActionListChanges(before, after);
  const listKeys = (placement: {
    department: string;
    state: 'open' | 'done';
    sortKey: string;
    complaintId: string;
  }) =>
    [placement.department, ALL_DEPARTMENTS_LIST].map((list) =>
      itemKeys.correctiveAction(list, placement.state, placement.sortKey, placement.complaintId),
    );
  const correctiveRows = [
    ...(listChange.remove ? listKeys(listChange.remove).map((Key) => ({ Delete: { TableName, Key } })) : []),
    ...(listChange.put
      ? listKeys(listChange.put.placement).map((keys) => ({
          Put: { TableName, Item: { ...keys, entity: 'corrective-action', ...listChange.put!.row } },
        }))
      : []),
  ];
  const transaction = namedItems<'complaint' | `event${number}` | `assist${number}` | `corrective${number}`>({
    complaint: {
      Update: {
        TableName,
        Key: itemKeys.complaint(before.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    ...Object.fromEntries(
      events.map((event, index) => [
        `event${index}`,
        {
          Put: {
            TableName,
            Item: { ...itemKeys.event(before.id, event.eventId), entity: 'event', ...event },
          },
        },
      ]),
    ),
    ...Object.fromEntries(
      assistRows.map(({ assist, attributes }, index) => [
        `assist${index}`,
        { Put: { TableName, Item: { ...itemKeys.assist(before.id, assist.id), ...attributes } } },
      ]),
    ),
    ...Object.fromEntries(correctiveRows.map((row, index) => [`corrective${index}`, row])),
  });
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: transaction.items }));
    return 'saved';
  } catch (error) {
    if (transaction.reason(error, 'complaint') === 'ConditionalCheckFailed' || isTransactionConflict(error))
      return 'conflict';
    throw error;
  }
};

/**
 * Stores the workflow's callback token for the current stage, only if the complaint is still at the
 * version the workflow planned from. Not a business change: the version stays.
 */
export const storeWaitToken = async (
  id: string,
  expectedVersion: number,
  stage: string,
  token: string,
): Promise<'stored' | 'changed-since'> => {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: itemKeys.complaint(id),
        UpdateExpression: 'SET waitToken = :token, waitStage = :stage',
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':token': token, ':stage': stage, ':expected': expectedVersion },
      }),
    );
    return 'stored';
  } catch (error) {
    if (isAwsError(error, 'ConditionalCheckFailedException')) return 'changed-since';
    throw error;
  }
};

/** The customer's complaints submitted in [from, to], newest first, from the byCustomer index. */
export const findCustomerComplaints = async (
  customerKey: string,
  from: Date,
  to: Date,
): Promise<CustomerComplaintSummary[]> => {
  const found: CustomerComplaintSummary[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byCustomer' satisfies IndexName,
        KeyConditionExpression: 'customerKey = :key AND submittedAt BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':key': customerKey,
          ':from': from.toISOString(),
          ':to': to.toISOString(),
        },
        ScanIndexForward: false,
        ExclusiveStartKey,
      }),
    );
    found.push(...(page.Items ?? []).map((item) => stripKeys<CustomerComplaintSummary>(item)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
};

/** The intake side of the table (app/submit-complaint.ts). */
export const intakeRepository: IntakeRepository = {
  create: createComplaint,
  idempotencyRecord: getIdempotencyRecord,
  get: getComplaint,
};

export const customerHistory: CustomerHistory = { complaintsOf: findCustomerComplaints };

export const stageWaits: StageWaits = { store: storeWaitToken };

/** Other complaints as the case page lists them (id, reference, status, subject…), those that exist. */
export const complaintSummaries = (ids: readonly string[]): Promise<ComplaintSummary[]> =>
  readComplaintItems(ids, ['id', 'reference', 'status', 'subject', 'submittedAt', 'department']);

/** The ids of a customer's most recent complaints (up to `limit`), newest first, from the byCustomer index. */
export const recentComplaintIdsOf = async (customerKey: string, limit: number): Promise<string[]> => {
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byCustomer' satisfies IndexName,
      KeyConditionExpression: 'customerKey = :key',
      ExpressionAttributeValues: { ':key': customerKey },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => String(item.id));
};
