import { describe, expect, it } from 'vitest';
import { useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { issueReplyToken, readReplyToken, replyAddressFor } =
  await import('../../../functions/adapters/reply-token.ts');

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const OTHER = '01ARZ3NDEKTSV4RRFFQ69G5FAW';

describe('reply tokens', () => {
  it('name their complaint, in lower case, short enough for an email local part', async () => {
    const token = await issueReplyToken(ID);
    expect(token).toMatch(/^[0-9a-z]{26}-[0-9a-f]{20}$/u);
    expect(`reply+${token}`.length).toBeLessThanOrEqual(64);
    expect(await readReplyToken(token)).toBe(ID);
    // A mail system that upper-cases the local part changes nothing.
    expect(await readReplyToken(token.toUpperCase())).toBe(ID);
  });

  it('refuse a token for another complaint, an altered signature and malformed tokens', async () => {
    const token = await issueReplyToken(ID);
    const [, mac] = token.split('-');
    expect(await readReplyToken(`${OTHER.toLowerCase()}-${mac}`)).toBeUndefined();
    const flipped = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    expect(await readReplyToken(flipped)).toBeUndefined();
    for (const malformed of ['', 'x', `${ID}`, `${ID.toLowerCase()}-`, `${token}0`]) {
      expect(await readReplyToken(malformed), malformed).toBeUndefined();
    }
  });
});

describe('reply address of customer mail', () => {
  it('is none without an inbound domain', async () => {
    expect(await replyAddressFor(ID)).toBeUndefined();
  });
});
