import { SendEmailCommand, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type { EmailContent, SendMail } from '../../app/ports.ts';
import { mailTags } from '../../domain/mail-events.ts';
import { environment, requireSetting } from '../config.ts';
import { sesClient } from '../ses.ts';
import { rawMime } from './raw-mime.ts';

export type { EmailContent };

/**
 * Sends one message per recipient through SES (v1 SendEmail); returns the SES message ids. One each,
 * so no recipient sees the others' addresses and a bounce concerns one address only; SES bills per
 * recipient either way. Each is tagged with what it is about and sent through the configuration set
 * (in AWS), whose bounce and complaint events come back tagged (functions/workflow/record-mail-event.ts).
 */
export const sendEmail: SendMail = async (to, content, about) => {
  const configurationSet = environment().SES_CONFIGURATION_SET;
  const messageIds: string[] = [];
  for (const recipient of typeof to === 'string' ? [to] : to) {
    const routing = {
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      Tags: mailTags(about),
    };
    if (content.headers?.length) {
      // Headers of the mail's own (List-Unsubscribe) go only in a raw message.
      const source = requireSetting('SENDER_EMAIL');
      const { MessageId } = await sesClient.send(
        new SendRawEmailCommand({
          Source: source,
          Destinations: [recipient],
          RawMessage: { Data: Buffer.from(rawMime({ from: source, to: recipient, content }), 'utf8') },
          ...routing,
        }),
      );
      messageIds.push(MessageId ?? '');
      continue;
    }
    const { MessageId } = await sesClient.send(
      new SendEmailCommand({
        Source: requireSetting('SENDER_EMAIL'),
        ...routing,
        Destination: { ToAddresses: [recipient] },
        ...(content.replyTo ? { ReplyToAddresses: [content.replyTo] } : {}),
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
