import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLIENT_OPTIONS } from '../../../functions/adapters/aws-client-options.ts';
import { lambdaEntries } from '../../../functions/lambda-entries.ts';

/**
 * The longest one AWS call can take with these options: every attempt up to requestTimeout (its
 * timer runs from the start of the attempt, connecting included, as long as connectionTimeout is not
 * longer), plus the backoff before each retry at its largest. The SDK's standard strategy backs off
 * up to base × 2^retry with full jitter, base 1 s after throttling (the larger of its two bases),
 * capped at 20 s (@smithy/core util-retry).
 */
const THROTTLING_BACKOFF_BASE_MS = 1_000;
const MAXIMUM_BACKOFF_MS = 20_000;
const longestCallMs = (): number => {
  const { maxAttempts, requestHandler } = AWS_CLIENT_OPTIONS;
  const backoffs = Array.from({ length: maxAttempts - 1 }, (_, retry) =>
    Math.min(MAXIMUM_BACKOFF_MS, THROTTLING_BACKOFF_BASE_MS * 2 ** retry),
  );
  return maxAttempts * requestHandler.requestTimeout + backoffs.reduce((sum, ms) => sum + ms, 0);
};

describe('AWS client options', () => {
  it('bound the whole attempt by requestTimeout, connecting included, and fail when it passes', () => {
    expect(AWS_CLIENT_OPTIONS.requestHandler.connectionTimeout).toBeLessThanOrEqual(
      AWS_CLIENT_OPTIONS.requestHandler.requestTimeout,
    );
    expect(AWS_CLIENT_OPTIONS.requestHandler.throwOnRequestTimeout).toBe(true);
  });

  it.each(lambdaEntries().map((entry) => [entry.name, entry.timeoutSeconds] as const))(
    'let one AWS call of %s give up before its %i s timeout',
    (_name, timeoutSeconds) => {
      expect(longestCallMs()).toBeLessThan(timeoutSeconds * 1000);
    },
  );

  describe('against a server that accepts connections and never answers', () => {
    let server: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      server = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    // Issue 16: with requestTimeout alone the SDK logged a warning and kept waiting.
    it('fail the call with a TimeoutError instead of waiting for ever', async () => {
      const client = new DynamoDBClient({
        ...AWS_CLIENT_OPTIONS,
        maxAttempts: 1,
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      await expect(client.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
      client.destroy();
    });
  });
});
