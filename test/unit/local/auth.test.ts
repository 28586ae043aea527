import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type CryptoKey,
  decodeProtectedHeader,
  generateKeyPair,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenClaims } from '../../../local/auth/authorizer.ts';
import { DEV_AUDIENCE, DEV_ISSUER, devKeys } from '../../../local/auth/dev-keys.ts';
import { issueDevToken } from '../../../local/auth/issue-token.ts';
import { verifyBearer } from '../../../local/auth/verify.ts';
import { REPO_ROOT } from '../../../local/paths.ts';

let dir: string;
let keyFile: string;
const previousKeyFile = process.env.DEV_AUTH_KEY_FILE;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dev-auth-'));
  keyFile = path.join(dir, 'dev-auth-key.json');
  process.env.DEV_AUTH_KEY_FILE = keyFile;
});
afterAll(() => {
  if (previousKeyFile === undefined) delete process.env.DEV_AUTH_KEY_FILE;
  else process.env.DEV_AUTH_KEY_FILE = previousKeyFile;
  rmSync(dir, { recursive: true, force: true });
});

const bearer = (token: string) => `Bearer ${token}`;

/** A token signed with the local key (or `key`) but with claims and header of the test's choosing. */
const signed = async (
  claims: JWTPayload,
  { key, kid }: { key?: CryptoKey; kid?: string | null } = {},
): Promise<string> => {
  const keys = await devKeys();
  const header = kid === null ? { alg: 'ES256' } : { alg: 'ES256', kid: kid ?? keys.kid };
  return new SignJWT({ sub: 'u1', 'cognito:groups': ['agent'], ...claims })
    .setProtectedHeader(header)
    .setIssuedAt(claims.iat ?? Math.floor(Date.now() / 1000))
    .setExpirationTime('1h')
    .sign(key ?? keys.privateKey);
};

describe('local identity provider', () => {
  it('issues tokens shaped like Cognito ID tokens that the local verifier accepts', async () => {
    const token = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'u1' });
    const result = await verifyBearer(bearer(token));
    expect(result).toEqual({
      ok: true,
      claims: {
        sub: 'u1',
        email: 'supervisor@example.com',
        'cognito:groups': ['supervisor'],
        'custom:department': 'quality',
        token_use: 'id',
        iss: DEV_ISSUER,
        aud: DEV_AUDIENCE,
        iat: expect.any(Number) as unknown,
        exp: expect.any(Number) as unknown,
      },
    });
    const { claims } = result as { claims: { iat: number; exp: number } };
    expect(claims.exp - claims.iat).toBe(8 * 60 * 60);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: (await devKeys()).kid, typ: 'JWT' });
  });

  it('keeps its key pair in an owner-only file', async () => {
    const { kid } = await devKeys();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect((JSON.parse(readFileSync(keyFile, 'utf8')) as { publicJwk: { kid: string } }).publicJwk.kid).toBe(
      kid,
    );
  });

  it('shares the key with `npm run token` in another process', () => {
    const run = (...args: string[]) =>
      spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['local/token.ts', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, DEV_AUTH_KEY_FILE: keyFile },
        encoding: 'utf8',
      });
    const issued = run('--role', 'agent', '--department', 'quality', '--expires-in', '600');
    expect(issued.status, issued.stderr).toBe(0);
    const token = issued.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/u);
    const refused = run('--role', 'boss');
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    return expect(verifyBearer(bearer(token))).resolves.toMatchObject({
      ok: true,
      claims: { 'cognito:groups': ['agent'], 'custom:department': 'quality' },
    });
  }, 30_000);

  it('accepts the bare token as API Gateway does', async () => {
    expect(await verifyBearer(await issueDevToken({ role: 'agent' }))).toMatchObject({ ok: true });
  });

  it('tolerates a little clock skew but not more', async () => {
    expect(
      await verifyBearer(bearer(await issueDevToken({ role: 'agent', expiresInSeconds: -10 }))),
    ).toMatchObject({ ok: true });
    expect(await verifyBearer(bearer(await issueDevToken({ role: 'agent', expiresInSeconds: -60 })))).toEqual(
      {
        ok: false,
        reason: 'token expired',
      },
    );
  });

  describe('refuses', () => {
    const refuses = async (header: string | undefined, reason: string | RegExp) => {
      const result = await verifyBearer(header);
      expect(result.ok).toBe(false);
      expect((result as { reason: string }).reason).toMatch(reason);
    };

    it('a missing or malformed header', async () => {
      await refuses(undefined, 'no bearer token');
      await refuses('  ', 'no bearer token');
      await refuses('Basic dXNlcjpwYXNz', 'malformed Authorization header');
      await refuses('Bearer not-a-jwt', /^invalid token/u);
    });

    it('a tampered signature or payload', async () => {
      const [header, payload, signature] = (await issueDevToken({ role: 'agent' })).split('.') as [
        string,
        string,
        string,
      ];
      const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      await refuses(bearer(`${header}.${payload}.${flipped}`), 'invalid signature');
      const forged = Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
          'cognito:groups': ['admin'],
        }),
      ).toString('base64url');
      await refuses(bearer(`${header}.${forged}.${signature}`), 'invalid signature');
    });

    it('an expired token', async () => {
      await refuses(bearer(await issueDevToken({ role: 'agent', expiresInSeconds: -60 })), 'token expired');
    });

    it('a token without exp, or issued in the future', async () => {
      const keys = await devKeys();
      const noExp = await new SignJWT({ sub: 'u1' })
        .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .sign(keys.privateKey);
      await refuses(bearer(noExp), /exp/u);
      const future = await signed({
        iss: DEV_ISSUER,
        aud: DEV_AUDIENCE,
        iat: Math.floor(Date.now() / 1000) + 600,
      });
      await refuses(bearer(future), /iat|future/u);
    });

    it('another issuer or audience', async () => {
      await refuses(bearer(await signed({ iss: 'https://evil.example', aud: DEV_AUDIENCE })), /iss/u);
      await refuses(bearer(await signed({ iss: DEV_ISSUER, aud: 'another-client' })), /aud/u);
    });

    it('an unsigned (alg: none) token', async () => {
      const unsigned = new UnsecuredJWT({ sub: 'u1', 'cognito:groups': ['admin'] })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .encode();
      await refuses(bearer(unsigned), /invalid token|not allowed/u);
    });

    it('a token signed by another key, whatever kid it names', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const claims = { iss: DEV_ISSUER, aud: DEV_AUDIENCE };
      await refuses(bearer(await signed(claims, { key: privateKey })), 'invalid signature');
      await refuses(
        bearer(await signed(claims, { key: privateKey, kid: 'other' })),
        'signed with an unknown key',
      );
    });

    it('a token without kid, as API Gateway does', async () => {
      await refuses(bearer(await signed({ iss: DEV_ISSUER, aud: DEV_AUDIENCE }, { kid: null })), /kid/u);
    });
  });
});

describe('flattenClaims', () => {
  it('gives every claim as a string, as API Gateway’s JWT authorizer does', () => {
    expect(
      flattenClaims({
        sub: 'u1',
        'cognito:groups': ['agent', 'supervisor'],
        exp: 1_795_469_190,
        email_verified: true,
        nested: { b: 1, a: ['x'] },
      }),
    ).toEqual({
      sub: 'u1',
      'cognito:groups': '[agent supervisor]',
      exp: '1795469190',
      email_verified: 'true',
      nested: 'map[a:[x] b:1]',
    });
  });
});
