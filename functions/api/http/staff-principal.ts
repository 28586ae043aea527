import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { STAFF_ROLES, type StaffPrincipal, type StaffRole } from '../../domain/staff.ts';

type Claim = string | number | boolean | string[] | undefined;

const isStaffRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value);

const text = (claim: Claim): string | undefined =>
  typeof claim === 'string' && claim.trim() !== '' ? claim.trim() : undefined;

/**
 * The group names of a `cognito:groups` claim. API Gateway's JWT authorizer flattens arrays into
 * `"[agent supervisor]"`; some tools pass the JSON text `'["agent","supervisor"]'`; a decoded token
 * (tests, other runtimes) has a real array. All three are accepted.
 */
export const groupsOf = (claim: Claim): string[] => {
  if (Array.isArray(claim)) return claim.filter((group) => typeof group === 'string');
  if (typeof claim !== 'string') return [];
  const value = claim.trim();
  if (value.startsWith('[') && value.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.filter((group): group is string => typeof group === 'string');
    } catch {
      // Not JSON: API Gateway's "[a b]" form, handled below.
    }
    return value
      .slice(1, -1)
      .split(/[\s,]+/u)
      .filter(Boolean);
  }
  return value.split(/[\s,]+/u).filter(Boolean);
};

/**
 * The staff member behind a request, from the claims the gateway verified (API Gateway's JWT
 * authorizer in AWS, local/gateway.ts locally: both give the same flattened shape).
 *
 * `undefined` when there are no claims or no subject: the request was not authenticated, and the
 * handler should treat it as a 401 (it cannot happen behind the authorizer). A principal with no
 * known group gets `roles: []` rather than `undefined`, so the handler answers 403 (authenticated but
 * not allowed), not 401. Groups that are not staff roles (other apps' groups) are ignored.
 * The department comes from ID tokens only (access tokens carry no custom attributes), so a missing
 * department must be read as "no department", never as "every department".
 */
export const principalFrom = (
  event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer | APIGatewayProxyEventV2, 'requestContext'>,
): StaffPrincipal | undefined => {
  const authorizer = (
    event.requestContext as Partial<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']>
  ).authorizer;
  const claims = authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const subject = text(claims.sub);
  if (!subject) return undefined;
  const roles = [...new Set(groupsOf(claims['cognito:groups']).filter(isStaffRole))];
  const email = text(claims.email);
  const department = text(claims['custom:department']);
  return {
    subject,
    roles,
    ...(email === undefined ? {} : { email }),
    ...(department === undefined ? {} : { department }),
  };
};
