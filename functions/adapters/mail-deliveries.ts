import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MailDeliveries } from '../app/ports.ts';
import { isAwsError } from './aws-errors.ts';
import { requireSetting } from './config.ts';
import { DependencyUnavailable } from './dependency-unavailable.ts';
import { documentClient } from './dynamodb.ts';
import { itemKeys } from './table.ts';

/** Longer than any sending attempt lasts (the task's 10 s timeout): a claim this old was abandoned. */
export const CLAIM_ABANDONED_AFTER_MS = 2 * 60 * 1000;
/** Kept a month, long past any retry or re-drive of the step, then removed by DynamoDB's TTL. */
const KEEP_SECONDS = 30 * 24 * 60 * 60;

class DeliveryInFlight extends Error {
  override name = 'DeliveryInFlight';
}

/** Delivery records in the complaints table (`DELIVERY#<outbox id>`), claimed and completed conditionally. */
export const mailDeliveries: MailDeliveries = {
  claim: async (outboxId, now) => {
    const TableName = requireSetting('TABLE_NAME');
    const Key = itemKeys.delivery(outboxId);
    const claimedAt = now.toISOString();
    const expiresAt = Math.floor(now.getTime() / 1000) + KEEP_SECONDS;
    try {
      await documentClient.send(
        new PutCommand({
          TableName,
          Item: { ...Key, entity: 'delivery', outboxId, claimedAt, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { kind: 'claimed' };
    } catch (error) {
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
    }
    const { Item } = await documentClient.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
    if (Array.isArray(Item?.messageIds)) return { kind: 'sent', messageIds: Item.messageIds as string[] };
    const previous = String(Item?.claimedAt ?? '');
    if (now.getTime() - Date.parse(previous) < CLAIM_ABANDONED_AFTER_MS) {
      // Another attempt is sending right now: the workflow retries this one later.
      throw new DependencyUnavailable(new DeliveryInFlight(`Delivery ${outboxId} is being sent`));
    }
    try {
      // Take the abandoned claim over, unless another attempt just did or the send got recorded.
      await documentClient.send(
        new UpdateCommand({
          TableName,
          Key,
          UpdateExpression: 'SET claimedAt = :now',
          ConditionExpression: 'claimedAt = :previous AND attribute_not_exists(messageIds)',
          ExpressionAttributeValues: { ':now': claimedAt, ':previous': previous },
        }),
      );
      return { kind: 'abandoned' };
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException'))
        throw new DependencyUnavailable(new DeliveryInFlight(`Delivery ${outboxId} was claimed again`));
      throw error;
    }
  },
  recordSent: async (outboxId, messageIds) => {
    await documentClient.send(
      new UpdateCommand({
        TableName: requireSetting('TABLE_NAME'),
        Key: itemKeys.delivery(outboxId),
        UpdateExpression: 'SET messageIds = :ids',
        ExpressionAttributeValues: { ':ids': messageIds },
      }),
    );
  },
  release: async (outboxId, claimedAt) => {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: requireSetting('TABLE_NAME'),
          Key: itemKeys.delivery(outboxId),
          ConditionExpression: 'claimedAt = :mine AND attribute_not_exists(messageIds)',
          ExpressionAttributeValues: { ':mine': claimedAt.toISOString() },
        }),
      );
    } catch (error) {
      // Taken over or sent meanwhile: that attempt's record, not ours to remove.
      if (!isAwsError(error, 'ConditionalCheckFailedException')) throw error;
    }
  },
};
