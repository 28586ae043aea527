import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { groupsOf, principalFrom } from '../../../functions/api/http/staff-principal.ts';

type Claims = APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer']['jwt']['claims'];

const eventWith = (claims: Claims): APIGatewayProxyEventV2WithJWTAuthorizer =>
  ({
    requestContext: { authorizer: { jwt: { claims, scopes: null } } },
  }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

const base = { sub: 'user-1', email: 'agent@example.com', 'custom:department': 'quality' };

describe('principalFrom', () => {
  it.each([
    ['API Gateway’s flattened form', '[agent supervisor]'],
    ['a JSON array string', '["agent","supervisor"]'],
    ['a real array', ['agent', 'supervisor']],
  ])('reads cognito:groups given as %s', (_encoding, groups) => {
    expect(principalFrom(eventWith({ ...base, 'cognito:groups': groups }))).toEqual({
      subject: 'user-1',
      email: 'agent@example.com',
      roles: ['agent', 'supervisor'],
      department: 'quality',
    });
  });

  it('reads a single flattened group and ignores groups that are not staff roles', () => {
    expect(principalFrom(eventWith({ ...base, 'cognito:groups': '[agent]' }))?.roles).toEqual(['agent']);
    expect(
      principalFrom(eventWith({ ...base, 'cognito:groups': '[us-east-1_Pool_Google admin auditors admin]' }))
        ?.roles,
    ).toEqual(['admin']);
  });

  it('gives an authenticated caller without groups no roles (a 403, not a 401)', () => {
    expect(principalFrom(eventWith(base))).toEqual({
      subject: 'user-1',
      email: 'agent@example.com',
      roles: [],
      department: 'quality',
    });
    expect(principalFrom(eventWith({ ...base, 'cognito:groups': '[]' }))?.roles).toEqual([]);
    expect(principalFrom(eventWith({ ...base, 'cognito:groups': 42 }))?.roles).toEqual([]);
  });

  it('leaves email and department out when absent or blank (access tokens carry neither)', () => {
    const principal = principalFrom(
      eventWith({ sub: 'user-2', 'cognito:groups': '[manager]', 'custom:department': '  ' }),
    );
    expect(principal).toEqual({ subject: 'user-2', roles: ['manager'] });
    expect(principal).not.toHaveProperty('department');
  });

  it('has no principal without verified claims or without a subject', () => {
    const unauthenticated = { requestContext: {} } as unknown as APIGatewayProxyEventV2;
    expect(principalFrom(unauthenticated)).toBeUndefined();
    expect(
      principalFrom({ requestContext: { authorizer: {} } } as unknown as APIGatewayProxyEventV2),
    ).toBeUndefined();
    expect(principalFrom(eventWith({ 'cognito:groups': '[admin]' }))).toBeUndefined();
    expect(principalFrom(eventWith({ sub: '', 'cognito:groups': '[admin]' }))).toBeUndefined();
  });
});

describe('groupsOf', () => {
  it('splits the flattened and plain forms on spaces or commas', () => {
    expect(groupsOf('[a b  c]')).toEqual(['a', 'b', 'c']);
    expect(groupsOf('a,b')).toEqual(['a', 'b']);
    expect(groupsOf('  ')).toEqual([]);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf(true)).toEqual([]);
  });
});
