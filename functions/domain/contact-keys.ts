import { createHash } from 'node:crypto';

/** An email as compared everywhere: trimmed, lower-cased (mailbox names are case-insensitive in practice). */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/**
 * A phone number as compared everywhere, in E.164 form where it can be told: spaces, dashes, dots and
 * brackets go; "00" becomes "+"; a mainland mobile (11 digits from 13x–19x) gains "+86". So
 * "138 0013 8000", "+86 138-0013-8000" and "008613800138000" are one number. Other national numbers
 * without a country code stay as their digits.
 */
export const normalisePhone = (phone: string): string => {
  const compact = phone.trim().replace(/[\s().-]/gu, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (/^1[3-9]\d{9}$/u.test(international)) return `+86${international}`;
  return international;
};

const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

/** A pseudonymous, stable key for the customer: the same email always gives the same key. */
export const customerKeyFor = (email: string): string => hash(normaliseEmail(email));

/**
 * The keyed lookup of a customer's phone number (staff search): a hash, so the index holds no number.
 * Prefixed so a phone key can never equal an email key.
 */
export const customerPhoneKeyFor = (phone: string): string => hash(`tel:${normalisePhone(phone)}`);

/** What a staff search term is: a reference, an email, a phone number, or none of these. */
export type SearchTerm =
  | { kind: 'reference'; reference: string }
  | { kind: 'email'; customerKey: string }
  | { kind: 'phone'; customerPhoneKey: string };

const REFERENCE = /^CMP-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/u;
const PHONE = /^\+?[0-9][0-9 ().-]{5,24}[0-9]$/u;

/** Reads a search box: exact matches only, so every kind is a keyed lookup (never a scan). */
export const searchTermOf = (query: string): SearchTerm | undefined => {
  const term = query.trim();
  if (REFERENCE.test(term.toUpperCase())) return { kind: 'reference', reference: term.toUpperCase() };
  if (/^[^\s@]+@[^\s@]+$/u.test(term)) return { kind: 'email', customerKey: customerKeyFor(term) };
  if (PHONE.test(term)) return { kind: 'phone', customerPhoneKey: customerPhoneKeyFor(term) };
  return undefined;
};
