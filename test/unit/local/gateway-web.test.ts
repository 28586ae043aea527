import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../../functions/routes.ts';
import { verifyBearer } from '../../../local/auth/verify.ts';
import { createGateway } from '../../../local/gateway.ts';
import { createWebHandler } from '../../../local/web-app.ts';
import { contentSecurityPolicy } from '../../../infra/content-security-policy.ts';

const ROUTES: RouteDefinition[] = [
  {
    name: 'PublicProbe',
    method: 'GET',
    path: '/v1/probe',
    entry: 'test/unit/local/fixtures/echo-claims.ts',
    auth: 'public',
    access: { table: 'none' },
    description: '',
  },
];

let dir: string;
let server: Server;
let base: string;
const previousKeyFile = process.env.DEV_AUTH_KEY_FILE;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-web-'));
  process.env.DEV_AUTH_KEY_FILE = path.join(dir, 'dev-auth-key.json');
  const dist = path.join(dir, 'dist');
  mkdirSync(path.join(dist, 'track'), { recursive: true });
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<title>form</title>');
  writeFileSync(path.join(dist, 'track', 'index.html'), '<title>track</title>');
  writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'export {};');
  server = createGateway(ROUTES, () => undefined, {
    web: createWebHandler(dist, { apiUrl: 'http://127.0.0.1:1', localLogin: true }),
    devTokens: true,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  if (previousKeyFile === undefined) delete process.env.DEV_AUTH_KEY_FILE;
  else process.env.DEV_AUTH_KEY_FILE = previousKeyFile;
  rmSync(dir, { recursive: true, force: true });
});

describe('local gateway: web pages', () => {
  it('serves the pages, their directory URLs and long-cached assets', async () => {
    const form = await fetch(`${base}/`);
    expect(await form.text()).toContain('form');
    expect(form.headers.get('cache-control')).toBe('no-cache');
    expect(await (await fetch(`${base}/track/?id=x&token=y`)).text()).toContain('track');
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
  });

  it('sends the Content-Security-Policy CloudFront sends, allowing the configured API', async () => {
    const page = await fetch(`${base}/track/`);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy(['http://127.0.0.1:1']));
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers /config.json with the runtime configuration', async () => {
    const response = await fetch(`${base}/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ apiUrl: 'http://127.0.0.1:1', localLogin: true });
  });

  it('keeps API paths for the API: an unknown /v1 path is a problem, not a page', async () => {
    const response = await fetch(`${base}/v1/nothing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('local gateway: development sign-in', () => {
  const signIn = (body: unknown, method = 'POST') =>
    fetch(`${base}/local/dev-token`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
    });

  it('mints a staff token the gateway accepts, with the asked role and department', async () => {
    const response = await signIn({ role: 'supervisor', department: 'quality', subject: 'sup-1' });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const verified = await verifyBearer(`Bearer ${token}`);
    expect(verified).toMatchObject({
      ok: true,
      claims: { sub: 'sup-1', 'cognito:groups': ['supervisor'], 'custom:department': 'quality' },
    });
  });

  it('refuses an unknown role, unknown fields and other methods', async () => {
    const unknownRole = await signIn({ role: 'root' });
    expect(unknownRole.status).toBe(400);
    expect(((await unknownRole.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('role');
    expect((await signIn({ role: 'agent', admin: true })).status).toBe(400);
    expect((await signIn(undefined, 'PUT')).status).toBe(405);
  });

  it('does not exist without the local extras (as in AWS)', async () => {
    const plain = createGateway(ROUTES, () => undefined);
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const port = (plain.address() as AddressInfo).port;
    const response = await fetch(`http://127.0.0.1:${port}/local/dev-token`, {
      method: 'POST',
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(response.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    plain.closeAllConnections();
    await new Promise((resolve) => plain.close(resolve));
  });
});
