import {
  type CognitoIdentityProviderClient,
  ListUsersInGroupCommand,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StaffDirectory } from '../app/ports.ts';
import type { StaffMember } from '../domain/staff-directory.ts';
import { STAFF_ROLES, type StaffRole } from '../domain/staff.ts';

/** How long a container trusts the users it read: a new colleague is assignable within a minute. */
export const DIRECTORY_CACHE_MS = 60_000;
/** A miss reads the pool again, but not more often than this (an unknown id must not hammer Cognito). */
const MISS_RELOAD_MS = 5_000;

const attribute = (user: UserType, name: string): string | undefined =>
  user.Attributes?.find((candidate) => candidate.Name === name)?.Value?.trim() || undefined;

/** Chinese names are family name first, with no space; `name` wins when set. */
const displayName = (user: UserType, email: string): string => {
  const family = attribute(user, 'family_name');
  const given = attribute(user, 'given_name');
  return attribute(user, 'name') ?? (family || given ? `${family ?? ''}${given ?? ''}` : email);
};

/**
 * The staff directory read from the user pool: the users of each role group (the groups are the
 * staff roles, infra/constructs/staff-identity.ts), with their `custom:department` attribute. Cognito
 * cannot filter users on a custom attribute (ListUsers filters standard attributes only), so a
 * department is filtered here, from the whole staff (a few hundred users: a few pages per group),
 * read once per container per DIRECTORY_CACHE_MS. Disabled users are left out.
 */
export const cognitoStaffDirectory = (
  client: Pick<CognitoIdentityProviderClient, 'send'>,
  userPoolId: () => string,
  now: () => number = Date.now,
): StaffDirectory => {
  let cached: { at: number; members: Promise<Map<string, StaffMember>> } | undefined;

  const readGroup = async (role: StaffRole): Promise<UserType[]> => {
    const users: UserType[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(
        new ListUsersInGroupCommand({ UserPoolId: userPoolId(), GroupName: role, Limit: 60, NextToken }),
      );
      users.push(...(page.Users ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return users;
  };

  const readAll = async (): Promise<Map<string, StaffMember>> => {
    const members = new Map<string, StaffMember>();
    for (const role of STAFF_ROLES) {
      for (const user of await readGroup(role)) {
        const id = attribute(user, 'sub');
        const email = attribute(user, 'email');
        if (!id || !email || user.Enabled === false) continue;
        const known = members.get(id);
        if (known) {
          known.roles.push(role);
          continue;
        }
        const department = attribute(user, 'custom:department');
        members.set(id, { id, name: displayName(user, email), email, department, roles: [role] });
      }
    }
    return members;
  };

  const load = (maxAgeMs: number): Promise<Map<string, StaffMember>> => {
    if (!cached || now() - cached.at >= maxAgeMs) {
      const members = readAll();
      cached = { at: now(), members };
      // A failed read is not cached: the next call tries again.
      members.catch(() => {
        if (cached?.members === members) cached = undefined;
      });
    }
    return cached.members;
  };

  return {
    list: async (department) =>
      [...(await load(DIRECTORY_CACHE_MS)).values()].filter(
        (member) => department === undefined || member.department === department,
      ),
    find: async (id) => (await load(DIRECTORY_CACHE_MS)).get(id) ?? (await load(MISS_RELOAD_MS)).get(id),
  };
};
