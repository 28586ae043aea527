import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CustomerRecordsReader, DataRequestStore } from '../app/data-request-ports.ts';
import type { DataRequestEvent, DataSubjectRequest } from '../domain/data-subject-request.ts';
import { namedItems } from './aws-errors.ts';
import { complaintStore } from './complaint-store.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { listSentMail } from './sent-mail-log.ts';
import { itemKeys, type IndexName } from './table.ts';

const tableName = () => requireSetting('TABLE_NAME');

const ENTITY = 'data-request';
const EVENT_ENTITY = 'data-request-event';

const requestItem = (request: DataSubjectRequest) => ({
  ...itemKeys.dataRequest(request.id),
  entity: ENTITY,
  ...request,
});

const eventItem = (event: DataRequestEvent) => ({
  ...itemKeys.dataRequestEvent(event.requestId, event.eventId),
  entity: EVENT_ENTITY,
  ...event,
});

const fromItem = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as T;
};

/** The request written on a condition, with its audit event; which of a cancellation was the condition. */
const writeWithEvent = async (
  request: DataSubjectRequest,
  condition: { ConditionExpression: string } & Record<string, unknown>,
  event: DataRequestEvent,
): Promise<'written' | 'condition-failed'> => {
  const transaction = namedItems({
    request: { Put: { TableName: tableName(), Item: requestItem(request), ...condition } },
    event: { Put: { TableName: tableName(), Item: eventItem(event) } },
  });
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: transaction.items }));
    return 'written';
  } catch (error) {
    if (transaction.reason(error, 'request') === 'ConditionalCheckFailed') return 'condition-failed';
    throw error;
  }
};

/** Data-subject requests in the complaints table (table.ts `dataRequest`), each with its audit trail. */
export const dataRequestStore: DataRequestStore = {
  create: async (request, event) =>
    (await writeWithEvent(request, { ConditionExpression: 'attribute_not_exists(pk)' }, event)) === 'written'
      ? 'created'
      : 'exists',
  get: async (id) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName(), Key: itemKeys.dataRequest(id), ConsistentRead: true }),
    );
    return Item ? fromItem<DataSubjectRequest>(Item) : undefined;
  },
  list: async (limit) => {
    const { pk, skPrefix } = itemKeys.dataRequestPrefix();
    const { Items } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => fromItem<DataSubjectRequest>(item));
  },
  save: async (previous, next, event) =>
    (await writeWithEvent(
      next,
      {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': previous.version },
      },
      event,
    )) === 'written'
      ? 'saved'
      : 'conflict',
  record: async (event) => {
    await documentClient.send(new PutCommand({ TableName: tableName(), Item: eventItem(event) }));
  },
  events: async (id) => {
    const { pk, skPrefix } = itemKeys.dataRequestEventPrefix(id);
    const { Items } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      }),
    );
    return (Items ?? []).map((item) => fromItem<DataRequestEvent>(item));
  },
};

/** A customer's complaints through the byCustomer index, then each read whole from the table. */
export const customerRecords: CustomerRecordsReader = {
  complaintIdsOf: async (customerKey, limit) => {
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'byCustomer' satisfies IndexName,
          KeyConditionExpression: 'customerKey = :key',
          ExpressionAttributeValues: { ':key': customerKey },
          Limit: limit - ids.length,
          ExclusiveStartKey,
        }),
      );
      ids.push(...(page.Items ?? []).map((item) => String(item.id)));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && ids.length < limit);
    return ids;
  },
  records: async (ids) => {
    const records = [];
    // One complaint at a time: three reads each, a customer has a handful, and the export is bounded.
    for (const id of ids) {
      const complaint = await complaintStore.get(id);
      if (!complaint) continue;
      const [events, mails] = await Promise.all([complaintStore.events(id), listSentMail(id)]);
      records.push({ complaint, events, mails });
    }
    return records;
  },
};
