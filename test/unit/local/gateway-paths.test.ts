import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../../functions/routes.ts';
import { createGateway } from '../../../local/gateway.ts';
import { INVOCATIONS } from './fixtures/echo-claims.ts';

const ROUTES: RouteDefinition[] = [
  {
    name: 'PublicItem',
    method: 'GET',
    path: '/v1/items/{id}',
    entry: 'test/unit/local/fixtures/echo-claims.ts',
    auth: 'public',
    access: { table: 'none' },
    description: '',
  },
];

const counter = globalThis as { [INVOCATIONS]?: number };
let server: Server;
let base: string;
const errors: unknown[] = [];

beforeAll(async () => {
  server = createGateway(ROUTES, (error) => errors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  counter[INVOCATIONS] = 0;
  errors.length = 0;
});

describe('local gateway, path parameters', () => {
  // Found by the fuzzing benchmark: these answered 500.
  it.each(['%', '%E0%A4%A', 'a%zz'])(
    'answers 400 to malformed percent-encoding (%s) without invoking the handler',
    async (segment) => {
      const response = await fetch(`${base}/v1/items/${segment}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(counter[INVOCATIONS]).toBe(0);
      expect(errors).toEqual([]);
    },
  );

  it('passes well-formed encoded segments to the handler', async () => {
    const response = await fetch(`${base}/v1/items/${encodeURIComponent('é/x')}`);
    expect(response.status).toBe(200);
    expect(counter[INVOCATIONS]).toBe(1);
  });
});
