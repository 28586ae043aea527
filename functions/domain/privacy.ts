/**
 * The privacy notices shown where a customer consents (the public form, an agent logging a call),
 * oldest first; the last is the one shown now. A consent records the version the customer saw, so
 * a later change of wording never rewrites what an earlier customer agreed to. A new wording is a
 * new entry here (and new text in the web messages), never an edit of an old one.
 */
export const PRIVACY_NOTICE_VERSIONS = ['2026-01'] as const;
export type PrivacyNoticeVersion = (typeof PRIVACY_NOTICE_VERSIONS)[number];
export const CURRENT_PRIVACY_NOTICE_VERSION: PrivacyNoticeVersion = PRIVACY_NOTICE_VERSIONS.at(-1)!;

/** Masks an email for lists and logs: "wang.xiaoming@example.com" → "w***@example.com". */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
};

/**
 * Masks a phone number to its last four digits behind a fixed mask, so the mask tells nothing of the
 * number's length: "+86 138 0013 8000" → "***8000".
 */
export const maskPhone = (phone: string): string => {
  const digits = phone.replace(/\D/gu, '');
  return digits.length <= 4 ? '***' : `***${digits.slice(-4)}`;
};

/** RFC 5322 local parts allow these punctuation characters too. */
const EMAIL_IN_TEXT = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{N}.-]+\.[\p{L}\p{N}-]{2,}/gu;
/**
 * A mainland mobile (11 digits from 13x–19x, optionally with +86 and spaces or dashes), or any
 * "+"-prefixed international number; never part of a longer digit run such as an epoch timestamp.
 */
const PHONE_IN_TEXT =
  /(?<![\d+])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)|(?<![\d+])\+\d{1,3}(?:[\s-]?\d){7,12}(?!\d)/gu;

/** Masks every email address and phone number inside free text (a defence for log lines). */
export const redactContactDetails = (text: string): string =>
  text.replace(EMAIL_IN_TEXT, maskEmail).replace(PHONE_IN_TEXT, maskPhone);
