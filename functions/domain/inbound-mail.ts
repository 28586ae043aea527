import { characterCount } from './text.ts';
import type { Locale } from './vocabulary.ts';

/*
 * Inbound email: which mails we act on and how. A mail to the complaints address becomes a complaint; a
 * mail to a complaint's reply address (`reply+<token>@<inbound domain>`, the Reply-To of every customer
 * mail) lands on that complaint; everything that is not a person writing to us is ignored, so an
 * auto-reply, a bounce or our own mail never starts a conversation with a machine.
 */

/** SES receiving's verdict on a mail (receipt.spamVerdict / virusVerdict). */
export type MailVerdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

export interface InboundMailFacts {
  /** Envelope recipients the receipt rule matched (SES receipt.recipients). */
  recipients: readonly string[];
  /** Envelope sender (MAIL FROM, SES mail.source); empty for a bounce (the null reverse path). */
  returnPath: string;
  /** The From header's first address, if it has one. */
  from: { address: string; name: string } | undefined;
  /** Header values by lower-case name (the first of a repeated header). */
  headers: Readonly<Record<string, string>>;
  spamVerdict: MailVerdict;
  virusVerdict: MailVerdict;
}

export interface InboundAddresses {
  /** The domain SES receives mail for (INBOUND_DOMAIN). */
  domain: string;
  /** Our sender address (SENDER_EMAIL): mail from it is our own, come back. */
  sender: string;
}

/** The local part of the address new complaints are mailed to. */
export const COMPLAINTS_LOCAL_PART = 'complaints';
const REPLY_PREFIX = 'reply+';

export const IGNORE_REASONS = [
  'spam',
  'virus',
  'bounce',
  'auto-reply',
  'bulk',
  'own-mail',
  'no-sender',
  'not-for-us',
] as const;
export type IgnoreReason = (typeof IGNORE_REASONS)[number];

export type InboundMailRoute =
  | { kind: 'ignore'; reason: IgnoreReason }
  /** A mail to a reply address; the token is still to be verified (it may be forged). */
  | { kind: 'reply'; token: string }
  | { kind: 'new-complaint'; customer: { address: string; name: string } };

export const complaintsAddress = (domain: string): string => `${COMPLAINTS_LOCAL_PART}@${domain}`;

/** A complaint's reply address; the token is lower-case so a mail system that folds case keeps it. */
export const replyAddress = (token: string, domain: string): string => `${REPLY_PREFIX}${token}@${domain}`;

const splitAddress = (address: string): { local: string; domain: string } => {
  const at = address.lastIndexOf('@');
  return at < 0
    ? { local: address.toLowerCase(), domain: '' }
    : { local: address.slice(0, at).toLowerCase(), domain: address.slice(at + 1).toLowerCase() };
};

/** The token of a reply address on our domain; undefined for any other address. */
export const replyTokenOf = (recipient: string, domain: string): string | undefined => {
  const { local, domain: recipientDomain } = splitAddress(recipient.trim());
  if (recipientDomain !== domain.toLowerCase() || !local.startsWith(REPLY_PREFIX)) return undefined;
  const token = local.slice(REPLY_PREFIX.length);
  return /^[a-z0-9-]{1,58}$/u.test(token) ? token : undefined;
};

// RFC 3834: anything but "no" is automatic. Precedence is not standard but what vacation programs send.
const AUTOMATIC_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);
// Addresses that only machines write from (RFC 5321 postmaster, mail delivery subsystems).
const MACHINE_LOCAL_PARTS = new Set(['mailer-daemon', 'postmaster']);

const ignoreReason = (mail: InboundMailFacts, ours: InboundAddresses): IgnoreReason | undefined => {
  if (mail.virusVerdict === 'FAIL') return 'virus';
  if (mail.spamVerdict === 'FAIL') return 'spam';
  const header = (name: string) => (mail.headers[name] ?? '').trim().toLowerCase();
  const returnPath = mail.returnPath.trim().replace(/^<|>$/gu, '');
  if (
    returnPath === '' ||
    header('content-type').startsWith('multipart/report') ||
    (mail.from && MACHINE_LOCAL_PARTS.has(splitAddress(mail.from.address).local))
  )
    return 'bounce';
  const autoSubmitted = header('auto-submitted');
  if (
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    mail.headers['x-autoreply'] !== undefined ||
    mail.headers['x-autorespond'] !== undefined
  )
    return 'auto-reply';
  if (AUTOMATIC_PRECEDENCE.has(header('precedence')) || mail.headers['list-id'] !== undefined) return 'bulk';
  if (!mail.from) return 'no-sender';
  const from = mail.from.address.toLowerCase();
  // Our sender, or any address of the inbound domain: a loop through our own addresses.
  if (from === ours.sender.toLowerCase() || splitAddress(from).domain === ours.domain.toLowerCase())
    return 'own-mail';
  return undefined;
};

/**
 * What to do with a received mail: ignore it (and why), add it to the complaint its reply address
 * names, or file it as a new complaint. A reply address wins over the complaints address when a
 * customer writes to both.
 */
export const routeInboundMail = (mail: InboundMailFacts, ours: InboundAddresses): InboundMailRoute => {
  const reason = ignoreReason(mail, ours);
  if (reason) return { kind: 'ignore', reason };
  const from = mail.from!;
  const token = mail.recipients.map((recipient) => replyTokenOf(recipient, ours.domain)).find(Boolean);
  if (token) return { kind: 'reply', token };
  const complaints = complaintsAddress(ours.domain).toLowerCase();
  if (mail.recipients.some((recipient) => recipient.trim().toLowerCase() === complaints))
    return { kind: 'new-complaint', customer: from };
  return { kind: 'ignore', reason: 'not-for-us' };
};

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** The customer's language, guessed from what they wrote: Chinese characters mean zh-CN. */
export const guessLocale = (...texts: string[]): Locale => (texts.some((t) => CJK.test(t)) ? 'zh-CN' : 'en');

// C0/C1 control characters other than tab and line breaks are refused by the intake schema.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

const clip = (value: string, max: number): string => {
  const characters = [...value];
  return characters.length <= max ? value : `${characters.slice(0, max - 1).join('')}…`;
};

const singleLine = (value: string) => value.replace(CONTROL, '').replace(/\s+/gu, ' ').trim();
const multiLine = (value: string) =>
  value
    .replace(/\r\n?/gu, '\n')
    .replace(CONTROL, '')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();

const NO_SUBJECT: Record<Locale, string> = { 'zh-CN': '（无主题）', en: '(no subject)' };
const NO_TEXT: Record<Locale, string> = {
  'zh-CN': '（邮件没有正文，请查看附件。）',
  en: '(The email has no text; please see its attachments.)',
};

/** The intake schema's limits (domain/intake-request.ts) the mail is fitted to. */
const LIMITS = { name: 100, subject: 200, description: 5000, minDescription: 10 } as const;

/**
 * The public intake request a mail stands for: subject from Subject, description from the text (quoted
 * text already stripped), the sender as customer, fitted to the intake schema's limits so that a long
 * or empty mail still becomes a complaint rather than a silent drop. The sender consented by writing
 * to us. Validated by the intake schema like any other request.
 */
export const intakeRequestFromMail = (mail: {
  customer: { address: string; name: string };
  subject: string;
  text: string;
}): Record<string, unknown> => {
  const locale = guessLocale(mail.subject, mail.text);
  const subject = clip(singleLine(mail.subject), LIMITS.subject) || NO_SUBJECT[locale];
  let description = clip(multiLine(mail.text), LIMITS.description);
  if (characterCount(description) < LIMITS.minDescription)
    description = [description, NO_TEXT[locale]].filter(Boolean).join('\n\n');
  const name =
    clip(singleLine(mail.customer.name), LIMITS.name) ||
    clip(splitAddress(mail.customer.address).local, LIMITS.name);
  return {
    customer: { name, email: mail.customer.address, locale },
    subject,
    description,
    // The channel (email) comes with the origin: the public request schema takes web and api only.
    consent: { dataProcessing: true },
  };
};

/** A reply as the customer message it becomes: quoted text already stripped, within the message limit. */
export const customerMessageFromMail = (mail: { subject: string; text: string }): string => {
  const text = clip(multiLine(mail.text), 5000);
  return text || clip(singleLine(mail.subject), 5000) || NO_TEXT[guessLocale(mail.subject)];
};

/**
 * Which mailed files become evidence. A stand-in until the policy's evidence settings (types, sizes)
 * exist: the types the public upload takes, 10 MiB each, 10 per mail. The rest is dropped, and said.
 */
export const EMAIL_EVIDENCE_LIMITS = {
  contentTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/heic', 'application/pdf'],
  maxBytes: 10 * 1024 * 1024,
  maxFiles: 10,
} as const;

export const evidenceFromMail = <A extends { contentType: string; content: { byteLength: number } }>(
  attachments: readonly A[],
): { accepted: A[]; dropped: number } => {
  const fits = attachments.filter(
    (attachment) =>
      (EMAIL_EVIDENCE_LIMITS.contentTypes as readonly string[]).includes(attachment.contentType) &&
      attachment.content.byteLength > 0 &&
      attachment.content.byteLength <= EMAIL_EVIDENCE_LIMITS.maxBytes,
  );
  const accepted = fits.slice(0, EMAIL_EVIDENCE_LIMITS.maxFiles);
  return { accepted, dropped: attachments.length - accepted.length };
};
