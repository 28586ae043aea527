import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../../functions/routes.ts';
import { createGateway } from '../../../local/gateway.ts';
import { refuseCallsAfterTimeout } from '../../../local/lambda/invocation-fence.ts';
import { invokeLambda, MAX_RESPONSE_BYTES, workflowTaskError } from '../../../local/lambda/invoke.ts';
import { CALL_OUTCOME, FENCED_CLIENT } from './fixtures/slow-or-large.ts';

const ENTRY = 'test/unit/local/fixtures/slow-or-large.ts';
const ROUTES: RouteDefinition[] = [
  {
    // A name no declaration has: Lambda's longest timeout, so only the integration timeout applies.
    name: 'SlowOrLarge',
    method: 'GET',
    path: '/v1/limits',
    entry: ENTRY,
    auth: 'public',
    access: { table: 'none' },
    description: '',
  },
];
const event = (query: Record<string, string>) => ({ queryStringParameters: query });

let server: Server;
let base: string;
const errors: unknown[] = [];

beforeAll(async () => {
  // The integration timeout scaled down from 30 s, so the test does not wait for it.
  server = createGateway(ROUTES, (error) => errors.push(error), { integrationTimeoutMs: 200 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('local gateway, limits as in API Gateway (HTTP API) and Lambda', () => {
  it('answers 503 problem+json when the function outlasts the integration timeout', async () => {
    const response = await fetch(`${base}/v1/limits?waitMs=1000`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
  });

  it('answers 500 problem+json when the response is over Lambda’s 6 MB', async () => {
    const response = await fetch(`${base}/v1/limits?bytes=${MAX_RESPONSE_BYTES}`);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(errors).toContainEqual(expect.objectContaining({ name: 'Function.ResponseSizeTooLarge' }));
  });

  it('passes a response just under the limit through', async () => {
    const response = await fetch(`${base}/v1/limits?bytes=${MAX_RESPONSE_BYTES - 1_000}`);
    expect(response.status).toBe(200);
    expect((await response.text()).length).toBe(MAX_RESPONSE_BYTES - 1_000);
  });
});

describe('local Lambda invoke, the function timeout', () => {
  it('fails with Lambda’s timeout error, which the workflow sees as Lambda.Unknown', async () => {
    const failure = await invokeLambda('SlowOrLarge', ENTRY, event({ waitMs: '500' }), {
      timeoutSeconds: 0.1,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'Sandbox.Timedout' });
    expect((failure as Error).message).toMatch(/Task timed out after 0\.10 seconds$/u);
    const taskError = workflowTaskError(failure);
    expect(taskError.name).toBe('Lambda.Unknown');
    expect(taskError.message).toContain('Task timed out after 0.10 seconds');
  });

  it('refuses the AWS calls a timed-out function still makes, so it writes nothing afterwards', async () => {
    let requestsSent = 0;
    const client = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      endpoint: 'http://127.0.0.1:9',
      requestHandler: {
        handle: () => {
          requestsSent += 1;
          return Promise.reject(new Error('not expected'));
        },
      },
    });
    refuseCallsAfterTimeout(client);
    const shared = globalThis as Record<symbol, unknown>;
    shared[FENCED_CLIENT] = { send: () => client.send(new ListTablesCommand({})) };
    delete shared[CALL_OUTCOME];

    await expect(
      invokeLambda('SlowOrLarge', ENTRY, event({ waitMs: '300', call: '1' }), { timeoutSeconds: 0.1 }),
    ).rejects.toMatchObject({ name: 'Sandbox.Timedout' });
    await expect.poll(() => shared[CALL_OUTCOME]).toEqual({ ok: false, name: 'InvocationTimedOut' });
    expect(requestsSent).toBe(0);
  });
});
