import { createHmac, timingSafeEqual } from 'node:crypto';
import { signingKey } from './signing-key.ts';

/**
 * The customer's tracking token is an HMAC of the complaint id, so nothing secret is stored and a
 * retried submission or the acknowledgement email can always reproduce it.
 */
const trackingTokenFor = (key: Buffer, complaintId: string): string =>
  createHmac('sha256', key).update(`tracking:v1:${complaintId}`).digest('base64url');

export const issueTrackingToken = async (complaintId: string): Promise<string> =>
  trackingTokenFor(await signingKey(), complaintId);

export const verifyTrackingToken = async (complaintId: string, token: string): Promise<boolean> => {
  const expected = Buffer.from(trackingTokenFor(await signingKey(), complaintId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};
