import type { OutboxMessage } from './complaint.ts';

/**
 * A mail as the customer received it (subject and plain text), kept in the complaint's partition so
 * the case thread shows what we actually wrote. The HTML part says the same and is not kept.
 */
export interface SentMail {
  /** The outbox message id (or the mail kind, for the one acknowledgement). */
  id: string;
  mailKind: string;
  sentAt: string;
  subject: string;
  text: string;
  /** SES message id: what bounce and complaint reports name (domain/mail-events.ts). */
  messageId: string;
  /** The text was longer than MAX_MAIL_TEXT and was cut. */
  truncated: boolean;
}

/** Bounds one stored mail well inside DynamoDB's 400 KB item limit (CJK text is 3 bytes a character). */
export const MAX_MAIL_TEXT = 20_000;
const MAX_SUBJECT = 500;

/**
 * Links in customer mail carry bearer tokens (tracking page, survey): whoever holds one acts as the
 * customer. The stored copy keeps every word and the link's address but not the token.
 */
export const withoutAccessTokens = (text: string): string =>
  text
    .replace(/#token=[^\s"'<>)]+/gu, '#token=…')
    .replace(/([?&]t=)[^\s&#"'<>)]+/gu, '$1…')
    .replace(/(\/v1\/surveys\/)[^/\s"'<>)]+/gu, '$1…');

export const sentMailRecord = (mail: Omit<SentMail, 'truncated'>): SentMail => {
  const text = withoutAccessTokens(mail.text);
  return {
    ...mail,
    subject: mail.subject.slice(0, MAX_SUBJECT),
    text: text.slice(0, MAX_MAIL_TEXT),
    truncated: text.length > MAX_MAIL_TEXT,
  };
};

/** Outbox messages that go to the complainant (the others alert staff, and are not the customer's thread). */
export const isCustomerMail = (message: OutboxMessage): boolean =>
  message.kind === 'info-request' ||
  message.kind === 'incident-notice' ||
  message.kind === 'rejection-notice' ||
  message.kind === 'result-notice' ||
  message.kind === 'survey' ||
  message.kind === 'survey-reminder';
