import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MailReceipts } from '../../app/ports.ts';
import { isAwsError } from '../aws-errors.ts';
import { requireSetting } from '../config.ts';
import { DependencyUnavailable } from '../dependency-unavailable.ts';
import { documentClient } from '../dynamodb.ts';
import { itemKeys } from '../table.ts';

/** Longer than one invocation can last (the function's 10 s timeout): a claim this old was abandoned. */
const CLAIM_ABANDONED_AFTER_MS = 2 * 60 * 1000;
/** Kept a month, long past SES's and Lambda's retries of one mail, then removed by DynamoDB's TTL. */
const KEEP_SECONDS = 30 * 24 * 60 * 60;

class MailInFlight extends Error {
  override name = 'MailInFlight';
}

/** The Message-ID is the sender's text: hashed, it is a key of fixed length and no personal data. */
const keyOf = (messageId: string) =>
  itemKeys.inboundMail(createHash('sha256').update(messageId.trim()).digest('base64url'));

/**
 * One record per received mail in the complaints table, claimed with a conditional put before the
 * mail is acted on and marked done after: SES or Lambda invoking twice for one mail acts once. A claim
 * left by a crashed invocation is taken over once it is older than any invocation lasts.
 */
export const mailReceipts: MailReceipts = {
  claim: async (messageId, now) => {
    const TableName = requireSetting('TABLE_NAME');
    const Key = keyOf(messageId);
    const claimedAt = now.toISOString();
    try {
      await documentClient.send(
        new PutCommand({
          TableName,
          Item: {
            ...Key,
            entity: 'inbound-mail',
            claimedAt,
            expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
    }
    const { Item } = await documentClient.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
    if (Item?.outcome !== undefined) return 'done';
    const previous = String(Item?.claimedAt ?? '');
    if (now.getTime() - Date.parse(previous) < CLAIM_ABANDONED_AFTER_MS)
      // Another invocation is handling it right now; Lambda's retry of this one comes later.
      throw new DependencyUnavailable(new MailInFlight('The mail is being handled'));
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'SET claimedAt = :now',
          ConditionExpression: 'claimedAt = :previous AND attribute_not_exists(outcome)',
          ExpressionAttributeValues: { ':now': claimedAt, ':previous': previous },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException'))
        throw new DependencyUnavailable(new MailInFlight('The mail was claimed again'));
      throw error;
    }
  },
  complete: async (messageId, outcome) => {
    await documentClient.send(
      new UpdateCommand({
        TableName: requireSetting('TABLE_NAME'),
        Key: keyOf(messageId),
        UpdateExpression: 'SET outcome = :outcome',
        ExpressionAttributeValues: { ':outcome': outcome },
      }),
    );
  },
};
