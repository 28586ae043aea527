import { sesV2 } from '../aws/ses.ts';
import { requireSetting } from '../config.ts';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** Sends one message through SES v2; returns the SES message id. */
export const sendEmail = (to: string | readonly string[], content: EmailContent): Promise<string> =>
  sesV2.sendEmail({
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
  });
