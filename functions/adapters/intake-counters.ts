import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IntakeCounters } from '../app/ports.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { itemKeys } from './table.ts';

/** Kept an hour past its window, then DynamoDB's TTL removes it. */
const GRACE_SECONDS = 60 * 60;

const increment = async (key: { pk: string; sk: string }, expiresAt: Date): Promise<number> => {
  const { Attributes } = await documentClient.send(
    new UpdateCommand({
      TableName: requireSetting('TABLE_NAME'),
      Key: key,
      UpdateExpression: 'ADD #count :one SET expiresAt = :expiresAt, entity = :entity',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':expiresAt': Math.floor(expiresAt.getTime() / 1000) + GRACE_SECONDS,
        ':entity': 'limit-counter',
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.count ?? 1);
};

/** The IP is kept only as a hash: the counter needs to tell addresses apart, not to know them. */
const ipKey = (ip: string) => createHash('sha256').update(ip).digest('base64url');

/** Atomic per-party counters (UpdateItem ADD) in the complaints table, one item per party and hour. */
export const intakeCounters: IntakeCounters = {
  add: async ({ customerKey, sourceIp }, windowStart, expiresAt) => {
    const [address, ip] = await Promise.all([
      increment(itemKeys.limitCounter(`address#${customerKey}`, windowStart), expiresAt),
      increment(itemKeys.limitCounter(`ip#${ipKey(sourceIp)}`, windowStart), expiresAt),
    ]);
    return { address, sourceIp: ip };
  },
};
