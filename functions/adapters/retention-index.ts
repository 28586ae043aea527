import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RetentionIndex } from '../app/ports.ts';
import { RETENTION_DUE } from '../domain/retention.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import type { IndexName } from './table.ts';

/** The due part of the sparse retention index: one keyed Query, never a Scan. */
export const retentionIndex: RetentionIndex = {
  due: async (cutoff, limit) => {
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: requireSetting('TABLE_NAME'),
          IndexName: 'byRetention' satisfies IndexName,
          KeyConditionExpression: 'retentionDue = :due AND retentionFrom <= :cutoff',
          ExpressionAttributeValues: { ':due': RETENTION_DUE, ':cutoff': cutoff.toISOString() },
          Limit: limit - ids.length,
          ExclusiveStartKey,
        }),
      );
      ids.push(...(page.Items ?? []).map((item) => String(item.id)));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && ids.length < limit);
    return ids;
  },
};
