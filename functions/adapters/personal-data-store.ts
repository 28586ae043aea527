import { BatchWriteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PersonalDataStore } from '../app/ports.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import { ASSIST_SORT_KEY_PREFIX, itemKeys } from './table.ts';

const tableName = () => requireSetting('TABLE_NAME');

/** The keys (or whole items) of one complaint's partition under a sort-key prefix. */
const itemsUnder = async (pk: string, prefix: string): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

/** BatchWriteItem takes 25 requests; what DynamoDB leaves unprocessed is sent again. */
const deleteKeys = async (keys: readonly { pk: unknown; sk: unknown }[]): Promise<void> => {
  for (let start = 0; start < keys.length; start += 25) {
    let requests: Record<string, unknown>[] | undefined = keys
      .slice(start, start + 25)
      .map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } }));
    for (let attempt = 0; requests && requests.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** Math.min(attempt, 6)));
      const { UnprocessedItems }: { UnprocessedItems?: Record<string, Record<string, unknown>[]> } =
        await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
      requests = UnprocessedItems?.[tableName()];
    }
  }
};

/**
 * The complaint's partition beside its item: mail copies deleted, audit events overwritten in place
 * (a stream MODIFY, which the KPI counter ignores: it counts INSERTs), assists' queue rows rewritten.
 */
export const personalDataStore: PersonalDataStore = {
  deleteSentMail: async (complaintId) => {
    const { pk, skPrefix } = itemKeys.sentMailPrefix(complaintId);
    const items = await itemsUnder(pk, skPrefix);
    await deleteKeys(items.map(({ pk: itemPk, sk }) => ({ pk: itemPk, sk })));
    return items.length;
  },
  replaceEvents: async (events) => {
    for (const event of events) {
      await documentClient.send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...itemKeys.event(event.complaintId, event.eventId), entity: 'event', ...event },
          // Only an event that exists: a replaced event never brings back a deleted complaint's.
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    }
  },
  refreshAssistRows: async (complaint) => {
    const rows = await itemsUnder(`COMPLAINT#${complaint.id}`, ASSIST_SORT_KEY_PREFIX);
    for (const row of rows) {
      await documentClient.send(
        new PutCommand({
          TableName: tableName(),
          Item: { ...row, subject: complaint.subject, customer: complaint.customer },
        }),
      );
    }
  },
};
