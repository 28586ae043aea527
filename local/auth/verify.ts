import { createLocalJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER, devKeys } from './dev-keys.ts';

/** Allowed clock difference between token issuer and gateway; short, as tokens are short-lived. */
const CLOCK_TOLERANCE_SECONDS = 30;

export type BearerVerification = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

/**
 * The token of an Authorization header. Like API Gateway's JWT authorizer, the bare token is
 * accepted as well as `Bearer <token>`.
 */
const tokenOf = (header: string | undefined): string | undefined => {
  const value = header?.trim();
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)$/iu.exec(value);
  if (match) return match[1];
  return /\s/u.test(value) ? undefined : value;
};

const reasonOf = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `invalid claim ${error.claim}: ${error.reason}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'signed with an unknown key';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'signing algorithm not allowed';
  if (error instanceof errors.JOSEError) return `invalid token (${error.code})`;
  return 'invalid token';
};

/**
 * What the HTTP API's JWT authorizer checks, against the local key: signature (ES256 only, never
 * `none`), a `kid` naming the key, issuer, audience, `exp` (required), `nbf` and `iat`.
 */
export const verifyBearer = async (header: string | undefined): Promise<BearerVerification> => {
  const token = tokenOf(header);
  if (!token)
    return { ok: false, reason: header?.trim() ? 'malformed Authorization header' : 'no bearer token' };
  const keys = await devKeys();
  try {
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: [keys.publicJwk] }),
      {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: [DEV_ALGORITHM],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      },
    );
    // API Gateway requires the kid; a JWKS of one key would otherwise accept a token without one.
    if (protectedHeader.kid !== keys.kid) return { ok: false, reason: 'token has no matching kid' };
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) {
      return { ok: false, reason: 'token issued in the future' };
    }
    return { ok: true, claims: payload };
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
};
