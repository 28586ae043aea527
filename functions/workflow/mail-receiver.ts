import type { FunctionAccess } from '../function-access.ts';

/**
 * The function SES receiving invokes (asynchronously, after storing the raw mail in the inbound-mail
 * bucket) for every mail to the inbound domain; locally the SMTP endpoint invokes it the same way.
 */
export const MAIL_RECEIVER = {
  name: 'ReceiveMail',
  entry: 'functions/workflow/receive-mail.ts',
  access: {
    // Files complaints (intake counters, idempotency) and records replies on them.
    table: 'readWrite',
    readsPolicy: true,
    // Verifies reply tokens.
    customerTokens: 'sign',
    // A reply wakes the stage waiting for the customer.
    answersTaskTokens: true,
    inboundMail: 'read',
    emailEvidence: 'write',
  } satisfies FunctionAccess,
} as const;
