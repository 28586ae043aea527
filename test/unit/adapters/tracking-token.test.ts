import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TEST_SIGNING_KEY, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { issueTrackingToken, readTrackingToken } =
  await import('../../../functions/adapters/tracking-token.ts');

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const OTHER = '01ARZ3NDEKTSV4RRFFQ69G5FAW';
/** A link mailed before token generations existed: a bare HMAC of the id. */
const legacyToken = (id: string) =>
  createHmac('sha256', Buffer.from(TEST_SIGNING_KEY, 'base64'))
    .update(`tracking:v1:${id}`)
    .digest('base64url');

describe('tracking tokens', () => {
  it('read back as the generation they were issued for, for their complaint only', async () => {
    expect(await readTrackingToken(ID, await issueTrackingToken(ID))).toBe(0);
    expect(await readTrackingToken(ID, await issueTrackingToken(ID, 3))).toBe(3);
    expect(await readTrackingToken(OTHER, await issueTrackingToken(ID, 3))).toBeUndefined();
  });

  it('an old-format token (links already mailed) reads as generation 0', async () => {
    expect(await readTrackingToken(ID, legacyToken(ID))).toBe(0);
    expect(await readTrackingToken(OTHER, legacyToken(ID))).toBeUndefined();
  });

  it('refuses a token whose generation was altered, and malformed ones', async () => {
    const token = await issueTrackingToken(ID, 1);
    const [prefix, , signature] = token.split('.');
    expect(await readTrackingToken(ID, `${prefix}.2.${signature}`)).toBeUndefined();
    for (const bad of [
      '',
      'x',
      't2..abc',
      `t2.01.${signature}`,
      `t2.-1.${signature}`,
      `${token}.x`,
      `t3.1.${signature}`,
    ]) {
      expect(await readTrackingToken(ID, bad)).toBeUndefined();
    }
  });
});
