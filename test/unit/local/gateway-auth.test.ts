import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../../../functions/routes.ts';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../local/auth/dev-keys.ts';
import { issueDevToken } from '../../../local/auth/issue-token.ts';
import { createGateway } from '../../../local/gateway.ts';
import { INVOCATIONS } from './fixtures/echo-claims.ts';

const ECHO = 'test/unit/local/fixtures/echo-claims.ts';
const ROUTES: RouteDefinition[] = [
  {
    name: 'Probe',
    method: 'GET',
    path: '/v1/staff/probe',
    entry: ECHO,
    auth: { roles: ['agent'] },
    access: { table: 'read' },
    description: '',
  },
  {
    name: 'PublicProbe',
    method: 'GET',
    path: '/v1/probe',
    entry: ECHO,
    auth: 'public',
    access: { table: 'none' },
    description: '',
  },
];

const counter = globalThis as { [INVOCATIONS]?: number };
const invocations = () => counter[INVOCATIONS] ?? 0;

let dir: string;
let server: Server;
let base: string;
const errors: unknown[] = [];
const previousKeyFile = process.env.DEV_AUTH_KEY_FILE;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-auth-'));
  process.env.DEV_AUTH_KEY_FILE = path.join(dir, 'dev-auth-key.json');
  server = createGateway(ROUTES, (error) => errors.push(error));
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
beforeEach(() => {
  counter[INVOCATIONS] = 0;
  errors.length = 0;
});

const get = (pathname: string, authorization?: string) =>
  fetch(`${base}${pathname}`, { headers: authorization ? { authorization } : {} });

describe('local gateway, staff routes', () => {
  it.each([
    ['without a token', undefined, 'no bearer token', /^Bearer$/u],
    ['with a malformed token', 'Bearer nope', 'invalid token', /^Bearer error="invalid_token"/u],
  ])('answers 401 %s and does not invoke the handler', async (_case, authorization, detail, challenge) => {
    const response = await get('/v1/staff/probe', authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('www-authenticate')).toMatch(challenge);
    expect(await response.json()).toEqual({
      type: '/problems/unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: expect.stringContaining(detail) as unknown,
    });
    expect(invocations()).toBe(0);
  });

  it('answers 401 to an expired token', async () => {
    const token = await issueDevToken({ role: 'agent', expiresInSeconds: -60 });
    const response = await get('/v1/staff/probe', `Bearer ${token}`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('token expired');
    expect(invocations()).toBe(0);
  });

  it('passes a valid token’s claims to the handler flattened as API Gateway does', async () => {
    const token = await issueDevToken({ role: 'agent', department: 'quality', subject: 'u1' });
    const response = await get('/v1/staff/probe', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      jwt: {
        claims: {
          sub: 'u1',
          email: 'agent@example.com',
          'cognito:groups': '[agent]',
          'custom:department': 'quality',
          token_use: 'id',
          iss: DEV_ISSUER,
          aud: DEV_AUDIENCE,
          iat: expect.stringMatching(/^\d+$/u) as unknown,
          exp: expect.stringMatching(/^\d+$/u) as unknown,
        },
        scopes: null,
      },
    });
    expect(invocations()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('leaves role checks to the handler (any valid staff token passes the gateway)', async () => {
    const token = await issueDevToken({ role: 'manager' });
    expect((await get('/v1/staff/probe', `Bearer ${token}`)).status).toBe(200);
  });

  it('still answers 404 and 405 before authenticating', async () => {
    expect((await get('/v1/staff/nothing')).status).toBe(404);
    expect((await fetch(`${base}/v1/staff/probe`, { method: 'POST' })).status).toBe(405);
  });
});

describe('local gateway, public routes', () => {
  it('needs no token and gives the handler no authorizer', async () => {
    const response = await get('/v1/probe');
    expect(response.status).toBe(200);
    expect(await response.json()).toBeNull();
  });
});

describe('local gateway, JWKS', () => {
  it('publishes the key that verifies the local tokens', async () => {
    const response = await get('/.well-known/jwks.json');
    expect(response.status).toBe(200);
    const jwks = (await response.json()) as Parameters<typeof createLocalJWKSet>[0];
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const token = await issueDevToken({ role: 'admin' });
    await expect(jwtVerify(token, createLocalJWKSet(jwks), { issuer: DEV_ISSUER })).resolves.toBeDefined();
  });
});
