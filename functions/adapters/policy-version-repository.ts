import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PolicyVersionStore } from '../app/ports.ts';
import type { AdminEvent } from '../domain/audit-event.ts';
import type { PolicyVersion } from '../domain/policy-versions.ts';
import { isAwsError } from './aws-errors.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { readActivePolicyVersion, readPolicyVersion, versionInfoOf } from './policy-versions.ts';
import { itemKeys } from './table.ts';

const tableName = () => requireSetting('TABLE_NAME');

/**
 * A version's item: the document as JSON text (~15 kB, far under the 400 kB item limit), so it is
 * stored exactly as validated, free of DynamoDB's map and number conversions.
 */
const versionItem = (version: PolicyVersion) => ({
  ...itemKeys.policyVersion(version.version),
  entity: 'policy-version',
  version: version.version,
  createdAt: version.createdAt,
  createdBy: version.createdBy,
  reason: version.reason,
  document: JSON.stringify(version.policy),
});

const newVersionPut = (version: PolicyVersion) => ({
  Put: {
    TableName: tableName(),
    Item: versionItem(version),
    // A version is written once.
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const adminEventPut = (event: AdminEvent) => ({
  Put: {
    TableName: tableName(),
    Item: { ...itemKeys.adminEvent(event.eventId), entity: 'admin-event', ...event },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/** The policy's versions in the complaints table (table.ts `policyVersion`, `policyActive`). */
export const policyVersionStore: PolicyVersionStore = {
  active: () => readActivePolicyVersion({ consistent: true }),
  get: readPolicyVersion,
  history: async (limit) => {
    const { pk, skPrefix } = itemKeys.policyVersionPrefix();
    const { Items } = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        // Who, when and why only: the documents stay in the table.
        ProjectionExpression: '#version, createdAt, createdBy, reason',
        ExpressionAttributeNames: { '#version': 'version' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map(versionInfoOf);
  },
  activate: async (next, replaced, event) => {
    const pointer = {
      ...itemKeys.policyActive(),
      entity: 'policy-active',
      version: next.version,
      createdAt: next.createdAt,
      createdBy: next.createdBy,
      reason: next.reason,
    };
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [
            newVersionPut(next),
            'seed' in replaced
              ? {
                  Put: {
                    TableName: tableName(),
                    Item: pointer,
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                }
              : {
                  Put: {
                    TableName: tableName(),
                    Item: pointer,
                    ConditionExpression: '#version = :replaced',
                    ExpressionAttributeNames: { '#version': 'version' },
                    ExpressionAttributeValues: { ':replaced': replaced.version },
                  },
                },
            ...('seed' in replaced ? [newVersionPut(replaced.seed)] : []),
            adminEventPut(event),
          ],
        }),
      );
      return 'saved';
    } catch (error) {
      if (isAwsError(error, 'TransactionCanceledException', 'ConditionalCheckFailedException'))
        return 'conflict';
      throw error;
    }
  },
};
