import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import * as z from '../domain/zod.ts';
import { signingKey } from './signing-key.ts';

/**
 * The survey link's token: the complaint id, follow-up round and expiry, encrypted and authenticated
 * with AES-256-GCM under a key derived (HMAC-SHA256) from the token-signing secret. The GCM tag is
 * the signature: a forged or altered token does not open. Nothing in it is readable, so the link
 * carries no complaint id or personal data, and nothing needs storing to look it up. Single use is
 * enforced on the complaint (its follow-up records the one answer).
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const payloadSchema = z.object({
  c: z.string().check(z.minLength(1)),
  r: z.int().check(z.gte(0)),
  x: z.int(),
});

const surveyKey = async (): Promise<Buffer> =>
  createHmac('sha256', await signingKey())
    .update('survey-token:v1')
    .digest();

export const issueSurveyToken = async (
  complaintId: string,
  round: number,
  expiresAt: Date,
): Promise<string> => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await surveyKey(), iv);
  const payload = JSON.stringify({ c: complaintId, r: round, x: Math.floor(expiresAt.getTime() / 1000) });
  const sealed = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, sealed, cipher.getAuthTag()]).toString('base64url');
};

export type SurveyTokenReading =
  | { kind: 'valid'; complaintId: string; round: number; expiresAt: Date }
  | { kind: 'expired'; complaintId: string; round: number; expiresAt: Date }
  | { kind: 'invalid' };

/** Opens a token: `invalid` when forged, altered or malformed; `expired` past its expiry at `now`. */
export const readSurveyToken = async (token: string, now: Date): Promise<SurveyTokenReading> => {
  if (!/^[A-Za-z0-9_-]{40,400}$/u.test(token)) return { kind: 'invalid' };
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES + 1 || bytes[0] !== VERSION) return { kind: 'invalid' };
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const sealed = bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES);
  let opened: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await surveyKey(), iv);
    decipher.setAuthTag(tag);
    opened = Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch {
    return { kind: 'invalid' };
  }
  const payload = payloadSchema.safeParse(JSON.parse(opened));
  if (!payload.success) return { kind: 'invalid' };
  const reading = {
    complaintId: payload.data.c,
    round: payload.data.r,
    expiresAt: new Date(payload.data.x * 1000),
  };
  return now.getTime() >= reading.expiresAt.getTime()
    ? { kind: 'expired', ...reading }
    : { kind: 'valid', ...reading };
};
