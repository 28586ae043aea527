import { appendFileSync } from 'node:fs';
import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import type { MetadataBearer, MiddlewareStack } from '@smithy/types';
import { TABLE_SCHEMA } from '../functions/adapters/table.ts';
import { currentInvocation } from './lambda/invoke.ts';

type Item = Record<string, AttributeValue>;

/** One partition a call touched: of the table (no index) or of one index, and what it did there. */
export interface PartitionTouch {
  index?: string;
  partition: string;
  /** An index row put or deleted (a changed key is both), or the table item written or read. */
  change: 'put' | 'delete' | 'update' | 'read';
}

/** Real epoch milliseconds (Date.now may not be, where a test scales it; performance is never scaled). */
const realNow = () => Math.round(performance.timeOrigin + performance.now());

const stringAttribute = (item: Item | undefined, name: string): string | undefined => item?.[name]?.S;

/**
 * The index rows one write changes, from the item before and after it and the table's index
 * declarations: a row appears (put), disappears (delete), moves partition or sort key (delete + put),
 * or is rewritten in place when any attribute it projects changes (update). Sparse indexes: an item
 * without both key attributes has no row.
 */
export const indexRowChanges = (before: Item | undefined, after: Item | undefined): PartitionTouch[] => {
  const changes: PartitionTouch[] = [];
  for (const index of TABLE_SCHEMA.globalSecondaryIndexes) {
    const row = (item: Item | undefined) => {
      const partition = stringAttribute(item, index.partitionKey);
      const sort = stringAttribute(item, index.sortKey);
      if (partition === undefined || sort === undefined || item === undefined) return undefined;
      const projected = [TABLE_SCHEMA.partitionKey, TABLE_SCHEMA.sortKey, ...index.projectedAttributes];
      return {
        partition,
        sort,
        projection: JSON.stringify(projected.map((name) => item[name] ?? null)),
      };
    };
    const old = row(before);
    const next = row(after);
    if (old && next && old.partition === next.partition && old.sort === next.sort) {
      if (old.projection !== next.projection)
        changes.push({ index: index.indexName, partition: next.partition, change: 'update' });
      continue;
    }
    if (old) changes.push({ index: index.indexName, partition: old.partition, change: 'delete' });
    if (next) changes.push({ index: index.indexName, partition: next.partition, change: 'put' });
  }
  return changes;
};

/** The partition key value a Query's key condition names (`#pk = :value` or `pk = :value`). */
export const queriedPartition = (
  input: {
    KeyConditionExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Item;
  },
  partitionKey: string,
): string => {
  const names = Object.entries(input.ExpressionAttributeNames ?? {})
    .filter(([, name]) => name === partitionKey)
    .map(([placeholder]) => placeholder);
  for (const name of [...names, partitionKey]) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    const match = new RegExp(`(?:^|[\\s(])${escaped}\\s*=\\s*(:[A-Za-z0-9_]+)`, 'u').exec(
      input.KeyConditionExpression ?? '',
    );
    const value = match ? input.ExpressionAttributeValues?.[match[1]!]?.S : undefined;
    if (value !== undefined) return value;
  }
  return '(unknown)';
};

const WRITE_OPERATIONS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

interface WriteTarget {
  key: Item;
}

/** The items a write request writes, from its marshalled input. */
const writeTargets = (operation: string, input: Record<string, unknown>): WriteTarget[] => {
  const keyOf = (item: Item): Item => ({
    [TABLE_SCHEMA.partitionKey]: item[TABLE_SCHEMA.partitionKey]!,
    [TABLE_SCHEMA.sortKey]: item[TABLE_SCHEMA.sortKey]!,
  });
  switch (operation) {
    case 'PutItem':
      return [{ key: keyOf(input.Item as Item) }];
    case 'UpdateItem':
      return [{ key: input.Key as Item }];
    case 'DeleteItem':
      return [{ key: input.Key as Item }];
    case 'TransactWriteItems':
      return (
        input.TransactItems as {
          Put?: { Item: Item };
          Update?: { Key: Item };
          Delete?: { Key: Item };
        }[]
      ).flatMap((entry): WriteTarget[] => {
        if (entry.Put) return [{ key: keyOf(entry.Put.Item) }];
        if (entry.Update) return [{ key: entry.Update.Key }];
        if (entry.Delete) return [{ key: entry.Delete.Key }];
        return []; // a ConditionCheck writes nothing
      });
    case 'BatchWriteItem':
      return Object.values(
        input.RequestItems as Record<
          string,
          { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }[]
        >,
      )
        .flat()
        .map((request) =>
          request.PutRequest ? { key: keyOf(request.PutRequest.Item) } : { key: request.DeleteRequest!.Key },
        );
    default:
      return [];
  }
};

/** The partitions a read request reads, from its marshalled input. */
const readTouches = (operation: string, input: Record<string, unknown>): PartitionTouch[] => {
  const tablePartition = (key: Item): PartitionTouch => ({
    partition: stringAttribute(key, TABLE_SCHEMA.partitionKey) ?? '(unknown)',
    change: 'read',
  });
  switch (operation) {
    case 'GetItem':
      return [tablePartition(input.Key as Item)];
    case 'Query': {
      const indexName = input.IndexName as string | undefined;
      const index = TABLE_SCHEMA.globalSecondaryIndexes.find((each) => each.indexName === indexName);
      const partition = queriedPartition(input, index ? index.partitionKey : TABLE_SCHEMA.partitionKey);
      return [{ ...(indexName ? { index: indexName } : {}), partition, change: 'read' }];
    }
    case 'BatchGetItem':
      return Object.values(input.RequestItems as Record<string, { Keys: Item[] }>)
        .flatMap(({ Keys }) => Keys)
        .map(tablePartition);
    case 'TransactGetItems':
      return (input.TransactItems as { Get: { Key: Item } }[]).map(({ Get }) => tablePartition(Get.Key));
    case 'Scan':
      return [
        {
          ...(input.IndexName ? { index: input.IndexName as string } : {}),
          partition: '(scan)',
          change: 'read',
        },
      ];
    default:
      return [];
  }
};

/**
 * Benchmarks only (the cost and capacity models): every call of `client` asks for
 * ReturnConsumedCapacity INDEXES (table and each index) and item-collection metrics, and appends one
 * JSON line to `file`: operation, when, capacity, and the partitions it touched — for a write the
 * table item's partition and the index rows the write changed (the item read before and after the
 * call, consistently, by a client of its own that logs nothing), for a read the partition it read.
 * Installed by the local runtime when CONSUMED_CAPACITY_LOG is set, as a middleware on the functions'
 * own client: production code never sees it. The reads it adds are subtracted from the invocation's
 * logged duration (Invocation.benchOverheadMs).
 */
export const logConsumedCapacity = (client: DynamoDBClient, file: string, tableName: string): void => {
  const probe = new DynamoDBClient({});
  const read = async (key: Item): Promise<Item | undefined> =>
    (await probe.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'INDEXES';
      if (WRITE_OPERATIONS.has(context.commandName?.replace(/Command$/u, '') ?? ''))
        input.ReturnItemCollectionMetrics ??= 'SIZE';
      return next(args);
    },
    { step: 'initialize', name: 'consumedCapacityRequest' },
  );
  // After serialisation the input is marshalled whether the call came through the document client
  // or not (lib-dynamodb marshals just before the serializer).
  (client.middlewareStack as MiddlewareStack<object, object>).add(
    (next, context) => async (args) => {
      const operation = context.commandName?.replace(/Command$/u, '') ?? 'unknown';
      const input = (args as { input: Record<string, unknown> }).input;
      const at = realNow();
      const targets = writeTargets(operation, input);
      const probeStarted = performance.now();
      const before = await Promise.all(targets.map((target) => read(target.key)));
      let probeMs = performance.now() - probeStarted;
      let result;
      try {
        result = await next(args);
      } finally {
        const afterStarted = performance.now();
        const after = await Promise.all(targets.map((target) => read(target.key)));
        probeMs += performance.now() - afterStarted;
        const invocation = currentInvocation.getStore();
        if (invocation) invocation.benchOverheadMs = (invocation.benchOverheadMs ?? 0) + probeMs;
        const writes = targets.flatMap((target, i) =>
          before[i] === undefined && after[i] === undefined
            ? []
            : [
                {
                  partition: stringAttribute(target.key, TABLE_SCHEMA.partitionKey) ?? '(unknown)',
                  changed: JSON.stringify(before[i] ?? null) !== JSON.stringify(after[i] ?? null),
                  indexes: indexRowChanges(before[i], after[i]),
                },
              ],
        );
        const output = (result as { output?: { ConsumedCapacity?: unknown } } | undefined)?.output;
        appendFileSync(
          file,
          `${JSON.stringify({
            operation,
            at,
            failed: result === undefined,
            capacity: output?.ConsumedCapacity ?? null,
            reads: readTouches(operation, input),
            writes,
          })}\n`,
        );
      }
      return result;
    },
    { step: 'build', name: 'consumedCapacityLog' },
  );
};

/**
 * Benchmarks only (the capacity model): one JSON line per call of `client` (Step Functions, SES) with
 * its service, operation and when, so the model counts each quota's API calls per complaint.
 */
export const logAwsCalls = <Input extends object, Output extends MetadataBearer>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  service: string,
  file: string,
): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const at = realNow();
      const operation = context.commandName?.replace(/Command$/u, '') ?? 'unknown';
      try {
        return await next(args);
      } finally {
        appendFileSync(file, `${JSON.stringify({ service, operation, at })}\n`);
      }
    },
    { step: 'initialize', name: 'awsCallLog' },
  );
};
