import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SpentChallenges } from '../app/ports.ts';
import { isAwsError } from './aws-errors.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { itemKeys } from './table.ts';

/** One item per used challenge, put only if absent, removed by DynamoDB's TTL after the challenge expires. */
export const spentChallenges: SpentChallenges = {
  spend: async (signature, rememberUntil) => {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: requireSetting('TABLE_NAME'),
          Item: {
            ...itemKeys.spentChallenge(signature),
            entity: 'spent-challenge',
            expiresAt: Math.ceil(rememberUntil.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
      throw error;
    }
  },
};
