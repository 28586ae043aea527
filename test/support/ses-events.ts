/**
 * SES event records as EventBridge delivers them from a configuration set's event destination
 * (shapes from the SES event-publishing examples: `Email Bounced`, `Email Complaint Received`,
 * `Email Delivered`), with our message tags.
 */
const envelope = (detailType: string, detail: Record<string, unknown>) => ({
  version: '0',
  id: 'a7e6b8a0-2a4f-4c1f-9c61-3c1d5b1f0001',
  'detail-type': detailType,
  source: 'aws.ses',
  account: '123456789012',
  time: '2026-11-24T02:41:03Z',
  region: 'us-east-1',
  resources: ['arn:aws:ses:us-east-1:123456789012:configuration-set/complaints'],
  detail,
});

const mail = (messageId: string, tags: Record<string, string>, recipient: string) => ({
  timestamp: '2026-11-24T02:40:02.012Z',
  source: 'complaints@example.com',
  sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/complaints@example.com',
  sendingAccountId: '123456789012',
  messageId,
  destination: [recipient],
  headersTruncated: false,
  headers: [{ name: 'From', value: 'complaints@example.com' }],
  commonHeaders: { from: ['complaints@example.com'], to: [recipient], messageId, subject: '…' },
  tags: {
    'ses:configuration-set': ['complaints'],
    'ses:source-ip': ['192.0.2.0'],
    'ses:from-domain': ['example.com'],
    'ses:caller-identity': ['complaints-function'],
    ...Object.fromEntries(Object.entries(tags).map(([name, value]) => [name, [value]])),
  },
});

export interface SesEventOptions {
  messageId?: string;
  tags: Record<string, string>;
  recipient?: string;
}

export const sesBounceEvent = (
  { messageId = '0100019a-bounce-000000', tags, recipient = 'nobody@example.com' }: SesEventOptions,
  bounceType: 'Permanent' | 'Transient' | 'Undetermined' = 'Permanent',
  bounceSubType = 'General',
) =>
  envelope('Email Bounced', {
    eventType: 'Bounce',
    bounce: {
      feedbackId: '0100019a-feedback-000000',
      bounceType,
      bounceSubType,
      bouncedRecipients: [
        {
          emailAddress: recipient,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      timestamp: '2026-11-24T02:41:02.669Z',
      reportingMTA: 'dsn; mta.example.com',
    },
    mail: mail(messageId, tags, recipient),
  });

export const sesComplaintEvent = ({
  messageId = '0100019a-complaint-000000',
  tags,
  recipient = 'someone@example.com',
}: SesEventOptions) =>
  envelope('Email Complaint Received', {
    eventType: 'Complaint',
    complaint: {
      feedbackId: '0100019a-feedback-000001',
      complaintSubType: null,
      complainedRecipients: [{ emailAddress: recipient }],
      timestamp: '2026-11-24T03:00:00.000Z',
      userAgent: 'Mozilla/5.0',
      complaintFeedbackType: 'abuse',
      arrivalDate: '2026-11-24T02:59:00.000Z',
    },
    mail: mail(messageId, tags, recipient),
  });

export const sesDeliveryEvent = ({
  messageId = '0100019a-delivery-000000',
  tags,
  recipient = 'someone@example.com',
}: SesEventOptions) =>
  envelope('Email Delivered', {
    eventType: 'Delivery',
    delivery: {
      timestamp: '2026-11-24T02:40:03.000Z',
      processingTimeMillis: 546,
      recipients: [recipient],
      smtpResponse: '250 2.6.0 Message received',
      reportingMTA: 'a8-70.smtp-out.amazonses.com',
    },
    mail: mail(messageId, tags, recipient),
  });
