import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Complaint, ComplaintEvent } from '../domain/complaint.ts';
import { dynamo } from './aws-clients.ts';
import { requireSetting } from './config.ts';
import { itemKeys } from './table.ts';

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  complaintId: string;
}

export type CreateOutcome =
  | { kind: 'created' }
  | { kind: 'idempotency-key-taken' }
  | { kind: 'reference-taken' }
  | { kind: 'transaction-conflict' };

const tableName = () => requireSetting('TABLE_NAME');

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, entity: _entity, expiresAt: _expiresAt, ...rest } = item;
  return rest as T;
};

const cancellationCodes = (error: unknown): (string | undefined)[] | undefined =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((reason) => reason.Code)
    : undefined;

const isTransactionConflict = (error: unknown): boolean =>
  error instanceof Error && error.name === 'TransactionConflictException';

/**
 * Writes a new complaint, its reference, its first audit event and (optionally) the idempotency
 * record in one transaction: either all exist or none does.
 */
export const createComplaint = async (
  complaint: Complaint,
  receivedEvent: ComplaintEvent,
  idempotency: IdempotencyRecord | undefined,
  now: Date,
): Promise<CreateOutcome> => {
  const TableName = tableName();
  const notExists = 'attribute_not_exists(pk)';
  const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
    {
      Put: {
        TableName,
        Item: { ...itemKeys.complaint(complaint.id), entity: 'complaint', ...complaint },
        ConditionExpression: notExists,
      },
    },
    {
      Put: {
        TableName,
        Item: { ...itemKeys.reference(complaint.reference), entity: 'reference', complaintId: complaint.id },
        ConditionExpression: notExists,
      },
    },
    {
      Put: {
        TableName,
        Item: { ...itemKeys.event(complaint.id, receivedEvent.eventId), entity: 'event', ...receivedEvent },
      },
    },
  ];
  if (idempotency) {
    items.push({
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
    });
  }
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    return { kind: 'created' };
  } catch (error) {
    if (isTransactionConflict(error)) return { kind: 'transaction-conflict' };
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    if (idempotency && codes[3] === 'ConditionalCheckFailed') return { kind: 'idempotency-key-taken' };
    if (codes[1] === 'ConditionalCheckFailed') return { kind: 'reference-taken' };
    if (codes.includes('TransactionConflict')) return { kind: 'transaction-conflict' };
    throw error;
  }
};

export const getIdempotencyRecord = async (key: string): Promise<IdempotencyRecord | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: itemKeys.idempotency(key), ConsistentRead: true }),
  );
  // An expired record may linger until DynamoDB's TTL sweep removes it.
  if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt * 1000 < Date.now())) return undefined;
  return stripKeys<IdempotencyRecord>(Item);
};

export const getComplaint = async (id: string): Promise<Complaint | undefined> => {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: itemKeys.complaint(id), ConsistentRead: true }),
  );
  return Item ? stripKeys<Complaint>(Item) : undefined;
};

export const listEvents = async (complaintId: string): Promise<ComplaintEvent[]> => {
  const { pk, skPrefix } = itemKeys.eventPrefix(complaintId);
  const events: ComplaintEvent[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
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

/** Milestones of a complaint that happen once; recording one again is a no-op. */
export type Milestone = 'receiptRecordedAt' | 'acknowledgedAt';

/**
 * Sets a milestone timestamp and appends its audit event in one transaction, unless the milestone
 * is already set (a retried workflow step). Returns whether this call recorded it.
 */
export const recordMilestone = async (
  complaintId: string,
  milestone: Milestone,
  event: ComplaintEvent,
): Promise<'recorded' | 'already-recorded'> => {
  const TableName = tableName();
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName,
              Key: itemKeys.complaint(complaintId),
              UpdateExpression: 'SET #milestone = :at, updatedAt = :at, version = version + :one',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#milestone)',
              ExpressionAttributeNames: { '#milestone': milestone },
              ExpressionAttributeValues: { ':at': event.at, ':one': 1 },
            },
          },
          {
            Put: {
              TableName,
              Item: { ...itemKeys.event(complaintId, event.eventId), entity: 'event', ...event },
            },
          },
        ],
      }),
    );
    return 'recorded';
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'already-recorded';
    throw error;
  }
};
