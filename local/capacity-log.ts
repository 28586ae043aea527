import { appendFileSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Benchmarks only (the cost model): every call of `client` asks for ReturnConsumedCapacity TOTAL and
 * appends one JSON line (operation, capacity) to `file`. Installed by the local runtime when
 * CONSUMED_CAPACITY_LOG is set, as a middleware on the functions' own client: production code never
 * sees it.
 */
export const logConsumedCapacity = (client: DynamoDBClient, file: string): void => {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: unknown };
      const operation = context.commandName?.replace(/Command$/u, '');
      appendFileSync(file, `${JSON.stringify({ operation, capacity: output.ConsumedCapacity ?? null })}\n`);
      return result;
    },
    { step: 'initialize', name: 'consumedCapacityLog' },
  );
};
