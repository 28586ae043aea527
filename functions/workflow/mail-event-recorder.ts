import type { FunctionAccess } from '../function-access.ts';

/**
 * The function that records SES mail events on complaints: an EventBridge rule on the default bus
 * (`source: aws.ses`, these detail types), fed by the configuration set's event destination, invokes it.
 */
export const MAIL_EVENT_RECORDER = {
  name: 'RecordMailEvent',
  entry: 'functions/workflow/record-mail-event.ts',
  // Reads and conditionally updates the complaint, writes its audit event.
  access: { table: 'readWrite' } satisfies FunctionAccess,
  eventPattern: {
    source: ['aws.ses'],
    'detail-type': [
      'Email Bounced',
      'Email Complaint Received',
      'Email Delivered',
      'Email Rejected',
      'Email Delivery Delayed',
    ],
  },
} as const;
