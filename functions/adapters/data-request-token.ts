import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import {
  DATA_REQUEST_CHANNELS,
  DATA_REQUEST_KINDS,
  type DataRequestChannel,
  type DataRequestKind,
} from '../domain/data-subject-request.ts';
import { LOCALES, type Locale } from '../domain/vocabulary.ts';
import * as z from '../domain/zod.ts';
import { signingKey } from './signing-key.ts';

/**
 * The tokens of data-subject request links, sealed as the survey token is (survey-token.ts):
 * AES-256-GCM under a key derived from the token-signing secret, so the link is signed (the GCM tag),
 * expires, and shows nothing (the address is inside, unreadable). Two purposes, never interchangeable:
 * `confirm` carries the whole request until it is confirmed (nothing is stored before); `download`
 * names a fulfilled export.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const confirmSchema = z.strictObject({
  p: z.literal('confirm'),
  r: z.string(),
  e: z.string(),
  k: z.enum(DATA_REQUEST_KINDS),
  l: z.enum(LOCALES),
  c: z.enum(DATA_REQUEST_CHANNELS),
  x: z.int(),
});
const downloadSchema = z.strictObject({ p: z.literal('download'), r: z.string(), x: z.int() });

export interface ConfirmClaims {
  id: string;
  email: string;
  kind: DataRequestKind;
  locale: Locale;
  channel: DataRequestChannel;
}

const tokenKey = async (): Promise<Buffer> =>
  createHmac('sha256', await signingKey())
    .update('data-request-token:v1')
    .digest();

const seal = async (payload: object): Promise<string> => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await tokenKey(), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, sealed, cipher.getAuthTag()]).toString('base64url');
};

const open = async (token: string): Promise<unknown> => {
  if (!/^[A-Za-z0-9_-]{40,600}$/u.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES + 1 || bytes[0] !== VERSION) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', await tokenKey(), bytes.subarray(1, 1 + IV_BYTES));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const opened = Buffer.concat([
      decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(opened.toString('utf8'));
  } catch {
    return undefined;
  }
};

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

export const issueConfirmToken = (claims: ConfirmClaims, expiresAt: Date): Promise<string> =>
  seal({
    p: 'confirm',
    r: claims.id,
    e: claims.email,
    k: claims.kind,
    l: claims.locale,
    c: claims.channel,
    x: seconds(expiresAt),
  });

export const issueDownloadToken = (requestId: string, expiresAt: Date): Promise<string> =>
  seal({ p: 'download', r: requestId, x: seconds(expiresAt) });

export type TokenReading<T> = { kind: 'valid'; claims: T } | { kind: 'expired' } | { kind: 'invalid' };

/** A confirmation token: `invalid` when forged, altered, malformed or of the other purpose. */
export const readConfirmToken = async (token: string, now: Date): Promise<TokenReading<ConfirmClaims>> => {
  const payload = confirmSchema.safeParse(await open(token));
  if (!payload.success) return { kind: 'invalid' };
  const { r, e, k, l, c, x } = payload.data;
  if (seconds(now) >= x) return { kind: 'expired' };
  return { kind: 'valid', claims: { id: r, email: e, kind: k, locale: l, channel: c } };
};

export const readDownloadToken = async (token: string, now: Date): Promise<TokenReading<{ id: string }>> => {
  const payload = downloadSchema.safeParse(await open(token));
  if (!payload.success) return { kind: 'invalid' };
  if (seconds(now) >= payload.data.x) return { kind: 'expired' };
  return { kind: 'valid', claims: { id: payload.data.r } };
};
