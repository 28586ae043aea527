import { QueryCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { submittedDayOf } from '../functions/domain/queue.ts';

/**
 * Sets `submittedDay` (the key of the submission-time index) on complaints stored before the
 * index existed. Every complaint is in the managers' queue index, open or done, so two Queries
 * find them all without a Scan; the update only adds the attribute and changes nothing else.
 */
export const backfillSubmittedDay = async (client: DynamoDBClient, tableName: string): Promise<number> => {
  let updated = 0;
  for (const partition of ['all#open', 'all#done']) {
    let startKey: QueryCommand['input']['ExclusiveStartKey'];
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'queueAllByDue',
          KeyConditionExpression: 'queueAll = :partition',
          ExpressionAttributeValues: { ':partition': { S: partition } },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const submittedAt = item.submittedAt?.S;
        if (!submittedAt || !item.pk || !item.sk) continue;
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET submittedDay = :day',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':day': { S: submittedDayOf(submittedAt) } },
          }),
        );
        updated += 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return updated;
};
