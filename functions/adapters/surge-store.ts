import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SurgeStore } from '../app/ports.ts';
import { namedItems } from './aws-errors.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { itemKeys } from './table.ts';
import { incidentItem } from './incident-repository.ts';

/** Surge buckets and states in the complaints table (keys in table.ts). */
export const surgeStore: SurgeStore = {
  buckets: async (subject, from, to) => {
    const { pk, skPrefix } = itemKeys.surgeBucketPrefix(subject.dimension, subject.value);
    const found: { bucket: string; count: number }[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      // ≤ 28 days of 10-minute buckets: a few thousand small items at most, only those with complaints.
      const page = await documentClient.send(
        new QueryCommand({
          TableName: requireSetting('TABLE_NAME'),
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': pk, ':from': `${skPrefix}${from}`, ':to': `${skPrefix}${to}` },
          // Both are DynamoDB reserved words.
          ProjectionExpression: '#bucket, #count',
          ExpressionAttributeNames: { '#bucket': 'bucket', '#count': 'count' },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? [])
        found.push({ bucket: String(item.bucket), count: Number(item.count) });
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return found;
  },
  start: async (subject, activeUntil, incident, now) => {
    const TableName = requireSetting('TABLE_NAME');
    const key = itemKeys.surgeState(subject.dimension, subject.value);
    const transaction = namedItems<'state' | 'incident'>({
      state: {
        Put: {
          TableName,
          Item: {
            ...key,
            entity: 'surge-state',
            dimension: subject.dimension,
            value: subject.value,
            activeUntil,
            startedAt: now.toISOString(),
            incidentId: incident.id,
          },
          // Once per surge: a new one only after the last one went quiet (under stream retries too).
          ConditionExpression: 'attribute_not_exists(pk) OR activeUntil < :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        },
      },
      incident: {
        Put: { TableName, Item: incidentItem(incident), ConditionExpression: 'attribute_not_exists(pk)' },
      },
    });
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: transaction.items }));
      return { kind: 'started', incidentId: incident.id };
    } catch (error) {
      if (transaction.reason(error, 'state') !== 'ConditionalCheckFailed') throw error;
    }
    // Still surging: the surge stays active one more window from now (a concurrent extension may
    // set a few milliseconds less; harmless).
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName,
        Key: key,
        UpdateExpression: 'SET activeUntil = :until',
        ExpressionAttributeValues: { ':until': activeUntil },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { kind: 'active', incidentId: String(Attributes?.incidentId ?? '') };
  },
};
