import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LifecycleWatch } from '../app/ports.ts';
import { partitionsToRead } from '../domain/key-shards.ts';
import { LIFECYCLE_WATCH } from '../domain/lifecycle-watch.ts';
import { documentClient } from './dynamodb.ts';
import { requireSetting } from './config.ts';
import type { IndexName } from './table.ts';

/** Up to `limit` rows of one partition due by `until`, earliest first. */
const duePart = async (partition: string, until: Date, limit: number) => {
  const rows: { id: string; at: string }[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: requireSetting('TABLE_NAME'),
        IndexName: 'byLifecycleWatch' satisfies IndexName,
        KeyConditionExpression: 'lifecycleWatch = :watch AND lifecycleWatchAt <= :until',
        ExpressionAttributeValues: { ':watch': partition, ':until': until.toISOString() },
        Limit: limit - rows.length,
        ExclusiveStartKey,
      }),
    );
    rows.push(
      ...(page.Items ?? []).map((item) => ({ id: String(item.id), at: String(item.lifecycleWatchAt) })),
    );
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && rows.length < limit);
  return rows;
};

/**
 * The due part of the sparse lifecycle-watch index: one keyed Query per shard at once (never a Scan),
 * merged earliest first. Each shard is read up to `limit`, so the merge keeps the overall earliest.
 */
export const lifecycleWatch: LifecycleWatch = {
  due: async (until, limit) => {
    const parts = await Promise.all(
      partitionsToRead(LIFECYCLE_WATCH).map((partition) => duePart(partition, until, limit)),
    );
    return parts
      .flat()
      .toSorted((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .slice(0, limit)
      .map((row) => row.id);
  },
};
