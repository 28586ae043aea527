import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_ADDRESS_HEADER } from '../../../functions/api/http/client-address.ts';
import type { RouteDefinition } from '../../../functions/routes.ts';
import { createGateway } from '../../../local/gateway.ts';

const ROUTES: RouteDefinition[] = [
  {
    name: 'EchoHeaders',
    method: 'GET',
    path: '/v1/headers',
    entry: 'test/unit/local/fixtures/echo-headers.ts',
    auth: 'public',
    access: { table: 'none' },
    description: '',
  },
];

let server: Server;
let base: string;

beforeAll(async () => {
  server = createGateway(ROUTES, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('local gateway, viewer address', () => {
  it('hands the handler the connection address as the viewer address, as CloudFront does', async () => {
    const headers = (await (await fetch(`${base}/v1/headers`)).json()) as Record<string, string>;
    expect(headers[VIEWER_ADDRESS_HEADER]).toBe('127.0.0.1');
  });

  it('replaces a viewer address the client sent (the per-address limits cannot be dodged)', async () => {
    const response = await fetch(`${base}/v1/headers`, {
      headers: { [VIEWER_ADDRESS_HEADER]: '198.51.100.7' },
    });
    const headers = (await response.json()) as Record<string, string>;
    expect(headers[VIEWER_ADDRESS_HEADER]).toBe('127.0.0.1');
  });
});
