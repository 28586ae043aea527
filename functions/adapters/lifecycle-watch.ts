import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LifecycleWatch } from '../app/ports.ts';
import { LIFECYCLE_WATCH } from '../domain/lifecycle-watch.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import type { IndexName } from './table.ts';

/** The due part of the sparse lifecycle-watch index: one keyed Query, never a Scan. */
export const lifecycleWatch: LifecycleWatch = {
  due: async (until, limit) => {
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName: requireSetting('TABLE_NAME'),
          IndexName: 'byLifecycleWatch' satisfies IndexName,
          KeyConditionExpression: 'lifecycleWatch = :watch AND lifecycleWatchAt <= :until',
          ExpressionAttributeValues: { ':watch': LIFECYCLE_WATCH, ':until': until.toISOString() },
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
