import {
  CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  cognitoStaffDirectory,
  DIRECTORY_CACHE_MS,
} from '../../../functions/adapters/cognito-staff-directory.ts';

const cognito = mockClient(CognitoIdentityProviderClient);

const user = (sub: string, attributes: Record<string, string>, enabled = true): UserType => ({
  Username: sub,
  Enabled: enabled,
  Attributes: Object.entries({ sub, ...attributes }).map(([Name, Value]) => ({ Name, Value })),
});

describe('the staff directory on the Cognito user pool', () => {
  let clock = 0;
  const directory = () =>
    cognitoStaffDirectory(
      new CognitoIdentityProviderClient({}),
      () => 'pool-1',
      () => clock,
    );

  beforeEach(() => {
    clock = 0;
    cognito.reset();
    cognito.on(ListUsersInGroupCommand).resolves({ Users: [] });
    // Two pages of agents: the adapter follows NextToken.
    cognito
      .on(ListUsersInGroupCommand, { GroupName: 'agent' })
      .resolvesOnce({
        Users: [user('u1', { email: 'wang@example.com', name: '王磊', 'custom:department': 'quality' })],
        NextToken: 'page-2',
      })
      .resolves({
        Users: [
          user('u2', {
            email: 'li@example.com',
            family_name: '李',
            given_name: '娜',
            'custom:department': 'logistics',
          }),
          user('u9', { email: 'gone@example.com', 'custom:department': 'quality' }, false),
        ],
      });
    cognito.on(ListUsersInGroupCommand, { GroupName: 'supervisor' }).resolves({
      Users: [user('u1', { email: 'wang@example.com', name: '王磊', 'custom:department': 'quality' })],
    });
    cognito.on(ListUsersInGroupCommand, { GroupName: 'manager' }).resolves({
      Users: [user('u3', { email: 'ma@example.com' })],
    });
  });

  it('reads every role group of the pool and filters the department in code (Cognito cannot)', async () => {
    const staff = directory();
    expect(await staff.list('quality')).toEqual([
      {
        id: 'u1',
        name: '王磊',
        email: 'wang@example.com',
        department: 'quality',
        roles: ['agent', 'supervisor'],
      },
    ]);
    expect((await staff.list()).map((member) => [member.id, member.name])).toEqual([
      ['u1', '王磊'],
      ['u2', '李娜'],
      // No name: the address stands in.
      ['u3', 'ma@example.com'],
    ]);
    expect(await staff.find('u9')).toBeUndefined();
    expect(cognito.commandCalls(ListUsersInGroupCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: 'pool-1', GroupName: 'agent', Limit: 60, NextToken: undefined },
      { UserPoolId: 'pool-1', GroupName: 'agent', Limit: 60, NextToken: 'page-2' },
      { UserPoolId: 'pool-1', GroupName: 'supervisor', Limit: 60, NextToken: undefined },
      { UserPoolId: 'pool-1', GroupName: 'manager', Limit: 60, NextToken: undefined },
      { UserPoolId: 'pool-1', GroupName: 'admin', Limit: 60, NextToken: undefined },
    ]);
  });

  it('reads the pool once per container until the cache expires', async () => {
    const staff = directory();
    await staff.list();
    await staff.find('u1');
    expect(cognito.commandCalls(ListUsersInGroupCommand)).toHaveLength(5);
    clock += DIRECTORY_CACHE_MS;
    await staff.find('u1');
    // Agents now fit one page: four more groups, one call each.
    expect(cognito.commandCalls(ListUsersInGroupCommand)).toHaveLength(9);
  });
});
