import { SendEmailCommand } from '@aws-sdk/client-ses';
import type { EmailContent } from '../../app/ports.ts';
import { requireSetting } from '../config.ts';
import { sesClient } from '../ses.ts';

export type { EmailContent };

/**
 * Sends one message per recipient through SES (v1 SendEmail); returns the SES message ids. One each,
 * so no recipient sees the others' addresses and a bounce concerns one address only; SES bills per
 * recipient either way.
 */
export const sendEmail = async (to: string | readonly string[], content: EmailContent): Promise<string[]> => {
  const messageIds: string[] = [];
  for (const recipient of typeof to === 'string' ? [to] : to) {
    const { MessageId } = await sesClient.send(
      new SendEmailCommand({
        Source: requireSetting('SENDER_EMAIL'),
        Destination: { ToAddresses: [recipient] },
        Message: {
          Subject: { Data: content.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: content.text, Charset: 'UTF-8' },
            Html: { Data: content.html, Charset: 'UTF-8' },
          },
        },
      }),
    );
    messageIds.push(MessageId ?? '');
  }
  return messageIds;
};
