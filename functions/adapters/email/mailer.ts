import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '../ses-client.ts';
import { requireSetting } from '../config.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Sends one message through SES v2; returns the SES message id. */
export const sendEmail = async (to: string | readonly string[], content: EmailContent): Promise<string> => {
  const { MessageId } = await ses().send(
    new SendEmailCommand({
      FromEmailAddress: requireSetting('SENDER_EMAIL'),
      Destination: { ToAddresses: typeof to === 'string' ? [to] : [...to] },
      Content: {
        Simple: {
          Subject: { Data: content.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: content.text, Charset: 'UTF-8' },
            Html: { Data: content.html, Charset: 'UTF-8' },
          },
        },
      },
    }),
  );
  return MessageId ?? '';
};
