import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { awsRequest, type AwsService } from './aws-request.ts';

const SES_V2: AwsService = { signingName: 'ses', endpointPrefix: 'email', endpointVariable: 'SESV2' };

/** SES v2 SendEmail over its REST JSON protocol (SDK input type); returns the message id. */
export const sesV2 = {
  sendEmail: async (input: SendEmailCommandInput): Promise<string> => {
    const { MessageId } = await awsRequest<{ MessageId?: string }>(SES_V2, {
      method: 'POST',
      path: '/v2/email/outbound-emails',
      body: input,
    });
    return MessageId ?? '';
  },
};
