import { appendFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Benchmarks only: when CONSUMED_CAPACITY_LOG names a file, every DynamoDB call asks for
 * ReturnConsumedCapacity TOTAL and appends one JSON line (operation, capacity) to that file. Unset
 * (always, in AWS), nothing is added: requests and results are unchanged.
 */
export const recordConsumedCapacity = (client: DynamoDBClient): void => {
  const file = process.env.CONSUMED_CAPACITY_LOG;
  if (!file) return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: unknown };
      appendFileSync(
        file,
        `${JSON.stringify({ operation: context.commandName, capacity: output.ConsumedCapacity ?? null })}\n`,
      );
      return result;
    },
    { step: 'initialize', name: 'recordConsumedCapacity' },
  );
};
