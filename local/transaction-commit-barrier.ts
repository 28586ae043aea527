import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMA } from '../functions/adapters/table.ts';

/** A key no item has: the barrier read finds nothing, and costs one read. */
const BARRIER_KEY = {
  [TABLE_SCHEMA.partitionKey]: { S: 'LOCAL#TRANSACTION-COMMIT-BARRIER' },
  [TABLE_SCHEMA.sortKey]: { S: 'LOCAL#TRANSACTION-COMMIT-BARRIER' },
};

type TransactItem = Partial<Record<'Put' | 'Update' | 'Delete' | 'ConditionCheck', { TableName?: string }>>;

const transactionTable = (input: { TransactItems?: TransactItem[] }): string | undefined => {
  const [first] = input.TransactItems ?? [];
  const operation = first && (first.Put ?? first.Update ?? first.Delete ?? first.ConditionCheck);
  return operation?.TableName;
};

/**
 * DynamoDB Local answers TransactWriteItems before the transaction is committed: its
 * `SQLiteDBAccess.commitTransaction` only queues the COMMIT on its one SQLite thread and returns,
 * where every other access (GetItem, PutItem, …) waits for its job (read with `javap -c` in the
 * DynamoDBLocal.jar of amplify-dynamodb-simulator). Killed before that COMMIT (and its fsync) has
 * run, it rolls the transaction back at the next start: a complaint answered 201 was gone (1 of 198 in
 * the fault benchmark's restart). DynamoDB never loses an acknowledged write, so the local runtime
 * makes the functions' client wait for the commit: after a TransactWriteItems succeeds it reads one
 * key of the same table, a job queued behind the COMMIT on that same thread, and returns only when
 * the read has. When the read fails (DynamoDB Local died meanwhile) the call fails too, as a
 * connection reset after the request would: the outcome is unknown, so nothing is acknowledged.
 * Installed by the local runtime on the functions' own client; production code never sees it.
 */
export const awaitTransactionCommit = (client: DynamoDBClient): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== 'TransactWriteItemsCommand') return result;
      const tableName = transactionTable(args.input as { TransactItems?: TransactItem[] });
      if (tableName) await client.send(new GetItemCommand({ TableName: tableName, Key: BARRIER_KEY }));
      return result;
    },
    { step: 'initialize', name: 'localTransactionCommitBarrier' },
  );
};
