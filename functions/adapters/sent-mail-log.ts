import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SentMailLog } from '../app/ports.ts';
import { sentMailRecord, type SentMail } from '../domain/sent-mail.ts';
import { now } from './clock.ts';
import { requireSetting } from './config.ts';
import { documentClient } from './dynamodb.ts';
import { logger } from './logger.ts';
import { itemKeys } from './table.ts';

/**
 * Customer mail kept as sent, one item per mail in the complaint's partition (SK MAIL#<id>): a
 * retried send overwrites its own copy. A failed write is logged, never thrown: the mail is out, and
 * throwing would make the workflow send it again.
 */
export const sentMailLog: SentMailLog = {
  record: async (complaintId, mail) => {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: requireSetting('TABLE_NAME'),
          Item: {
            ...itemKeys.sentMail(complaintId, mail.id),
            entity: 'mail',
            complaintId,
            ...sentMailRecord({ ...mail, sentAt: now().toISOString() }),
          },
        }),
      );
    } catch (error) {
      logger.warn('Sent mail not kept for the case thread', { complaintId, mailKind: mail.mailKind, error });
    }
  },
};

/** The customer mail sent for a complaint, in id order. */
export const listSentMail = async (complaintId: string): Promise<SentMail[]> => {
  const { pk, skPrefix } = itemKeys.sentMailPrefix(complaintId);
  const mails: SentMail[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: requireSetting('TABLE_NAME'),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { pk: _pk, sk: _sk, entity: _entity, complaintId: _id, ...mail } = item;
      mails.push(mail as SentMail);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return mails;
};
