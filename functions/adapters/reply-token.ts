import { createHmac, timingSafeEqual } from 'node:crypto';
import { replyAddress } from '../domain/inbound-mail.ts';
import { environment } from './config.ts';
import { signingKey } from './signing-key.ts';

/**
 * A complaint's reply token: `<complaint id>-<HMAC of it>`, lower case, for the reply address
 * `reply+<token>@<INBOUND_DOMAIN>` every customer mail carries as Reply-To. Under the same key as the
 * tracking tokens, so nothing is stored and any mail can reproduce it. Hex and a ULID in lower case:
 * local parts may be case-folded on the way, and 26 + 1 + 20 characters stay far within the 64 of an
 * email local part. 80 bits of HMAC: a forger gets one guess per mail SES accepts.
 */
const MAC_HEX_LENGTH = 20;
const TOKEN = /^([0-9a-hjkmnp-tv-z]{26})-([0-9a-f]{20})$/u;

const mac = (key: Buffer, complaintId: string): string =>
  createHmac('sha256', key)
    .update(`reply:v1:${complaintId.toUpperCase()}`)
    .digest('hex')
    .slice(0, MAC_HEX_LENGTH);

export const issueReplyToken = async (complaintId: string): Promise<string> =>
  `${complaintId.toLowerCase()}-${mac(await signingKey(), complaintId)}`;

/** The complaint a reply token was issued for; undefined for a forged, altered or malformed token. */
export const readReplyToken = async (token: string): Promise<string | undefined> => {
  const match = TOKEN.exec(token.toLowerCase());
  if (!match) return undefined;
  const [, id = '', given = ''] = match;
  const expected = mac(await signingKey(), id);
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected)) ? id.toUpperCase() : undefined;
};

/**
 * The Reply-To of a mail to the complainant: the complaint's reply address when this deployment
 * receives mail (INBOUND_DOMAIN), else none, and the mail does not invite a reply.
 */
export const replyAddressFor = async (complaintId: string): Promise<string | undefined> => {
  const domain = environment().INBOUND_DOMAIN;
  return domain ? replyAddress(await issueReplyToken(complaintId), domain) : undefined;
};
