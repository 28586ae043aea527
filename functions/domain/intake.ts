import * as z from './zod.ts';
import { customerKeyFor, customerPhoneKeyFor } from './contact-keys.ts';
import type { ComplaintEvent, EventDraft } from './audit-event.ts';
import { addDuration, type BusinessCalendar } from './calendar.ts';
import type { Policy } from './policy.ts';
import type { Complaint } from './complaint.ts';
import type { IntakeRequest, StaffIntakeRequest } from './intake-request.ts';

export * from './intake-request.ts';

// Crockford base32 without I, L, O, U: unambiguous when read out over the phone.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE_TIME_ZONE = 'Asia/Shanghai';

// Made on first use: a time-zone formatter loads ICU's zone data (15–25 ms), which every handler that
// imports this module but never draws a reference would pay at cold start.
let referenceDate: Intl.DateTimeFormat | undefined;
const referenceDateFormat = (): Intl.DateTimeFormat =>
  (referenceDate ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: REFERENCE_TIME_ZONE,
    year: '2-digit',
    month: '2-digit',
    day: '2-digit',
  }));

/**
 * A human-friendly reference such as `CMP-261123-7K3QX9`: the submission date in China and six
 * random symbols drawn from `randomBytes`.
 */
export const makeReference = (submittedAt: Date, randomBytes: Uint8Array): string => {
  if (randomBytes.length < 6) throw new Error('makeReference needs 6 random bytes');
  const date = referenceDateFormat().format(submittedAt).replaceAll('-', '');
  const suffix = Array.from(randomBytes.subarray(0, 6), (byte) => REFERENCE_ALPHABET[byte % 32]).join('');
  return `CMP-${date}-${suffix}`;
};

export const referenceSchema = z.string().check(z.regex(/^CMP-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/u));

export interface NewComplaint {
  complaint: Complaint;
  /** The first audit event, then the facts of a staff record (late, acknowledged by phone). */
  events: ComplaintEvent[];
}

/** Who records a complaint: the complainant (web, API), or a member of staff logging it for them. */
export type IntakeOrigin =
  | { kind: 'customer'; request: IntakeRequest }
  /**
   * A mail to the complaints address (inbound-mail.ts): the customer's own words, by email; or a reply
   * to a finished complaint (closed past its reopen window, or rejected), which it then links.
   */
  | { kind: 'mail'; request: IntakeRequest; relatedTo?: { id: string; reference: string } | undefined }
  | {
      kind: 'staff';
      request: StaffIntakeRequest;
      loggedBy: { id: string; email?: string | undefined; role?: string | undefined };
      /** Receipt plus the policy's recordWithin (recordingDueAt). */
      recordDueAt: Date;
    };

/** When a complaint received at `receivedAt` is to be recorded by (policy.intake.recordWithin). */
export const recordingDueAt = (policy: Policy, calendar: BusinessCalendar, receivedAt: Date): Date =>
  addDuration(calendar, receivedAt, policy.intake.recordWithin);

/**
 * The customer's key for repeat detection: the email's hash, or for a customer known by phone only
 * the phone's (prefixed, so it never equals an email key).
 */
const customerKeyOf = (customer: { email?: string | undefined; phone?: string | undefined }): string =>
  customer.email ? customerKeyFor(customer.email) : customerPhoneKeyFor(customer.phone!);

/** Builds the stored complaint and its first audit events from a validated request. */
export const newComplaint = (
  origin: IntakeOrigin,
  ids: { id: string; reference: string; eventId: (index: number) => string },
  now: Date,
): NewComplaint => {
  const at = now.toISOString();
  const { customer, consent, ...fields } = origin.request;
  const staff = origin.kind === 'staff' ? origin : undefined;
  const relatedTo = origin.kind === 'mail' ? origin.relatedTo : undefined;
  const {
    receivedAt: statedReceipt,
    tier,
    source,
    acknowledgedVia,
    ...details
  } = {
    receivedAt: undefined,
    tier: undefined,
    source: undefined,
    acknowledgedVia: undefined,
    ...fields,
  };
  const receivedAt = statedReceipt ? new Date(statedReceipt).toISOString() : at;
  const late = staff && now > staff.recordDueAt ? { dueAt: staff.recordDueAt.toISOString() } : undefined;
  const complaint: Complaint = {
    id: ids.id,
    reference: ids.reference,
    status: 'received',
    customer: { name: customer.name, email: customer.email, phone: customer.phone, locale: customer.locale },
    ...details,
    ...(origin.kind === 'mail' ? { channel: 'email' as const } : {}),
    ...(relatedTo ? { relatedTo } : {}),
    tier: tier ?? 'ordinary',
    customerKey: customerKeyOf(customer),
    ...(customer.phone ? { customerPhoneKey: customerPhoneKeyFor(customer.phone) } : {}),
    consent: {
      dataProcessing: true,
      ...(consent.privacyNoticeVersion ? { privacyNoticeVersion: consent.privacyNoticeVersion } : {}),
      recordedAt: at,
    },
    submittedAt: at,
    receivedAt,
    ...(staff ? { loggedBy: { id: staff.loggedBy.id, email: staff.loggedBy.email } } : {}),
    ...(source ? { source } : {}),
    ...(late ? { recordedLate: late } : {}),
    ...(acknowledgedVia ? { acknowledgedVia, acknowledgedAt: at } : {}),
    updatedAt: at,
    version: 1,
  };
  const actor = staff
    ? { kind: 'staff' as const, id: staff.loggedBy.id, role: staff.loggedBy.role }
    : { kind: 'customer' as const };
  const drafts: EventDraft[] = [
    {
      type: 'complaint.received',
      customerVisible: true,
      changes: { status: { before: null, after: 'received' } },
    },
  ];
  if (relatedTo) drafts.push({ type: 'complaint.linked', customerVisible: false, details: { relatedTo } });
  if (late)
    drafts.push({
      type: 'complaint.recorded-late',
      customerVisible: false,
      details: { receivedAt, dueAt: late.dueAt },
    });
  if (acknowledgedVia)
    drafts.push({ type: 'complaint.acknowledged', customerVisible: true, details: { via: acknowledgedVia } });
  const events = drafts.map((draft, index): ComplaintEvent => ({
    ...draft,
    complaintId: ids.id,
    eventId: ids.eventId(index),
    at,
    actor,
  }));
  return { complaint, events };
};
