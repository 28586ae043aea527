import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { verifyBearer } from './verify.ts';

type FlatClaims = APIGatewayEventRequestContextJWTAuthorizer['jwt']['claims'];

/** A claim value the way API Gateway hands it over: Go's `%v` formatting of the decoded JSON. */
const flatten = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(flatten).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    // Not seen in Cognito ID tokens; Go prints maps as map[key:value …] with sorted keys.
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([key, item]) => `${key}:${flatten(item)}`).join(' ')}]`;
  }
  return String(value);
};

/**
 * The claims as API Gateway's JWT authorizer passes them in `requestContext.authorizer.jwt.claims`:
 * every value a string, arrays as `"[a b]"` (so `cognito:groups: ["agent"]` arrives as `"[agent]"`)
 * and numbers as their decimal text. Handlers are tested against this shape, not the token's.
 */
export const flattenClaims = (claims: JWTPayload): FlatClaims =>
  Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, flatten(value)]));

export type Authorization =
  | { ok: true; authorizer: APIGatewayEventRequestContextJWTAuthorizer }
  | { ok: false; reason: string; tokenPresented: boolean };

/**
 * The local stand-in for the HTTP API's JWT authorizer: a valid token gives the request context's
 * `authorizer`; anything else is refused before the handler runs. Roles are the handler's to check.
 */
export const authorizeRequest = async (authorization: string | undefined): Promise<Authorization> => {
  const verified = await verifyBearer(authorization);
  if (!verified.ok) {
    return { ok: false, reason: verified.reason, tokenPresented: Boolean(authorization?.trim()) };
  }
  // ID tokens have no `scope` claim, and API Gateway then passes null; access tokens' scopes a list.
  const { scope } = verified.claims;
  const scopes = typeof scope === 'string' ? scope.split(' ').filter(Boolean) : null;
  return { ok: true, authorizer: { jwt: { claims: flattenClaims(verified.claims), scopes } } };
};
