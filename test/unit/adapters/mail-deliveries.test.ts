import { beforeEach, describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { mailDeliveries } = await import('../../../functions/adapters/mail-deliveries.ts');

const CLAIMED_AT = new Date('2026-11-23T00:00:02.000Z');

beforeEach(() => stubAwsCalls());

describe('mail delivery records: releasing a claim after a refused send', () => {
  it('removes the record only while it is still this claim and no send is recorded on it', async () => {
    dynamo.on(DeleteCommand).resolves({});

    await mailDeliveries.release('Q1', CLAIMED_AT);

    expect(dynamo).toHaveReceivedCommandWith(DeleteCommand, {
      TableName: 'complaints-test',
      Key: { pk: 'DELIVERY#Q1', sk: 'DELIVERY' },
      ConditionExpression: 'claimedAt = :mine AND attribute_not_exists(messageIds)',
      ExpressionAttributeValues: { ':mine': CLAIMED_AT.toISOString() },
    });
  });

  it('leaves a record another attempt took over or sent, without failing', async () => {
    dynamo
      .on(DeleteCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'changed', $metadata: {} }));

    await expect(mailDeliveries.release('Q1', CLAIMED_AT)).resolves.toBeUndefined();
  });

  it('fails when the table does', async () => {
    dynamo.on(DeleteCommand).rejects(new Error('table unavailable'));

    await expect(mailDeliveries.release('Q1', CLAIMED_AT)).rejects.toThrow('table unavailable');
  });
});
