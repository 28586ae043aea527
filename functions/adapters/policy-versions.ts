import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { parsePolicy } from '../domain/policy.ts';
import type { PolicyVersion, PolicyVersionInfo } from '../domain/policy-versions.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { itemKeys } from './table.ts';

/**
 * Keyed reads of the policy's partition (table.ts `policyActive`, `policyVersion`): all that a
 * function reading the policy does with the table, so its grant is GetItem on that partition only.
 */

const tableName = () => requireSetting('TABLE_NAME');

export const versionInfoOf = (item: Record<string, unknown>): PolicyVersionInfo => ({
  version: item.version as number,
  createdAt: item.createdAt as string,
  createdBy: item.createdBy as string,
  reason: item.reason as string,
});

/**
 * A stored version, validated again: it was valid when stored, and validating it with this code's
 * schema fills in the defaults of fields added since (once per version per container, ~10 ms).
 */
export const versionOf = (item: Record<string, unknown>): PolicyVersion => ({
  ...versionInfoOf(item),
  policy: parsePolicy(JSON.parse(item.document as string)),
});

/** The pointer to the active version; undefined while none is stored (the seed is active). */
export const readActivePolicyVersion = async (
  options: { consistent: boolean } = { consistent: false },
): Promise<PolicyVersionInfo | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: tableName(),
      Key: itemKeys.policyActive(),
      ConsistentRead: options.consistent,
    }),
  );
  return Item ? versionInfoOf(Item) : undefined;
};

/** One stored version, whole; versions are written once, so any read of one is current. */
export const readPolicyVersion = async (version: number): Promise<PolicyVersion | undefined> => {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName(), Key: itemKeys.policyVersion(version) }),
  );
  return Item ? versionOf(Item) : undefined;
};
