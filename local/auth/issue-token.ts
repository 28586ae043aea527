import { SignJWT } from 'jose';
import type { StaffRole } from '../../functions/domain/staff.ts';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, devKeys } from './dev-keys.ts';

export interface DevTokenRequest {
  role: StaffRole;
  department?: string;
  /** @default `local-${role}` */
  subject?: string;
  /** @default `${role}@example.com` */
  email?: string;
  /** Negative values make an already expired token (for tests). @default 8 hours */
  expiresInSeconds?: number;
}

const EIGHT_HOURS = 8 * 60 * 60;

/**
 * A staff token from the local identity provider, shaped like a Cognito ID token (the one that
 * carries `email` and the custom attributes): `cognito:groups`, `custom:department`, `token_use: id`.
 */
export const issueDevToken = async (request: DevTokenRequest): Promise<string> => {
  const keys = await devKeys();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    email: request.email ?? `${request.role}@example.com`,
    'cognito:groups': [request.role],
    ...(request.department === undefined ? {} : { 'custom:department': request.department }),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: keys.kid, typ: 'JWT' })
    .setSubject(request.subject ?? `local-${request.role}`)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.expiresInSeconds ?? EIGHT_HOURS))
    .sign(keys.privateKey);
};
