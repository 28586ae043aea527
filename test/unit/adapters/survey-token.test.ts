import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const COMPLAINT_ID = '01KAQ8Z6W2C4X9VQ7M3N5P1R2T';
const NOW = new Date('2026-11-23T02:00:00Z');
const LATER = new Date('2026-11-30T02:00:00Z');

beforeAll(() => {
  vi.stubEnv('TABLE_NAME', 'test');
  vi.stubEnv('TOKEN_SIGNING_KEY', randomBytes(32).toString('base64'));
});

const load = () => import('../../../functions/adapters/survey-token.ts');

/** Flips one bit of the decoded token at `index` (counted from the end when negative). */
const tampered = (token: string, index: number): string => {
  const bytes = Buffer.from(token, 'base64url');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64url');
};

describe('survey tokens', () => {
  it('open to the complaint, round and expiry they were issued for', async () => {
    const { issueSurveyToken, readSurveyToken } = await load();
    const token = await issueSurveyToken(COMPLAINT_ID, 2, LATER);
    expect(await readSurveyToken(token, NOW)).toEqual({
      kind: 'valid',
      complaintId: COMPLAINT_ID,
      round: 2,
      expiresAt: LATER,
    });
  });

  it('carry no complaint id or anything readable', async () => {
    const { issueSurveyToken } = await load();
    const token = await issueSurveyToken(COMPLAINT_ID, 0, LATER);
    expect(token).not.toContain(COMPLAINT_ID);
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain(COMPLAINT_ID);
    // Two links for the same survey differ (random IV), so one link reveals nothing about another.
    expect(await issueSurveyToken(COMPLAINT_ID, 0, LATER)).not.toBe(token);
  });

  it('are refused when any byte is altered: version, IV, ciphertext or tag', async () => {
    const { issueSurveyToken, readSurveyToken } = await load();
    const token = await issueSurveyToken(COMPLAINT_ID, 0, LATER);
    for (const index of [0, 1, 12, 14, -17, -1]) {
      expect(await readSurveyToken(tampered(token, index), NOW)).toEqual({ kind: 'invalid' });
    }
    for (const garbage of ['', 'abc', token.slice(0, -2), `${token}AA`, 'A'.repeat(80), '../../etc/passwd']) {
      expect(await readSurveyToken(garbage, NOW)).toEqual({ kind: 'invalid' });
    }
  });

  it('are refused when signed with another key', async () => {
    const { issueSurveyToken } = await load();
    const token = await issueSurveyToken(COMPLAINT_ID, 0, LATER);
    vi.resetModules();
    vi.stubEnv('TOKEN_SIGNING_KEY', randomBytes(32).toString('base64'));
    const other = await load();
    // The environment is read once per container: a fresh module graph sees the new key.
    expect(await other.readSurveyToken(token, NOW)).toEqual({ kind: 'invalid' });
  });

  it('expire at their expiry instant', async () => {
    vi.resetModules();
    const { issueSurveyToken, readSurveyToken } = await load();
    const token = await issueSurveyToken(COMPLAINT_ID, 0, LATER);
    expect((await readSurveyToken(token, new Date(LATER.getTime() - 1000))).kind).toBe('valid');
    expect(await readSurveyToken(token, LATER)).toMatchObject({ kind: 'expired', complaintId: COMPLAINT_ID });
  });
});
