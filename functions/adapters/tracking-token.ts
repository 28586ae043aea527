import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from './signing-key.ts';

/**
 * The customer's tracking token: `t2.<generation>.<HMAC of complaint id and generation>`, so nothing
 * secret is stored and a retried submission or any email can reproduce it. The generation is the
 * complaint's (bumped when staff revoke the token, domain/tracking-access.ts); it is in the clear so
 * that a forged token is refused before the table is read. A token of the first format (`tracking:v1`,
 * a bare HMAC of the id, in links mailed before generations existed) reads as generation 0.
 */
const PREFIX = 't2';

const mac = (key: Buffer, message: string): string =>
  createHmac('sha256', key).update(message).digest('base64url');

const legacyTokenFor = (key: Buffer, complaintId: string): string => mac(key, `tracking:v1:${complaintId}`);

const tokenFor = (key: Buffer, complaintId: string, generation: number): string =>
  `${PREFIX}.${generation}.${mac(key, `tracking:v2:${complaintId}:${generation}`)}`;

const sameText = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const issueTrackingToken = async (complaintId: string, generation = 0): Promise<string> =>
  tokenFor(await signingKey(), complaintId, generation);

/**
 * The generation a token was issued for, if its signature is ours for this complaint; undefined for a
 * forged, altered or malformed token. Whether that generation still opens the complaint is the
 * domain's call (trackingAccess).
 */
export const readTrackingToken = async (complaintId: string, token: string): Promise<number | undefined> => {
  const key = await signingKey();
  const parts = token.split('.');
  if (parts.length === 1) return sameText(token, legacyTokenFor(key, complaintId)) ? 0 : undefined;
  const [prefix, generationText] = parts;
  if (parts.length !== 3 || prefix !== PREFIX || !/^(?:0|[1-9]\d{0,5})$/u.test(generationText ?? '')) {
    return undefined;
  }
  const generation = Number(generationText);
  return sameText(token, tokenFor(key, complaintId, generation)) ? generation : undefined;
};
