import * as z from './zod.ts';
import { customerKeyFor, customerPhoneKeyFor } from './contact-keys.ts';
import type { ComplaintEvent } from './audit-event.ts';
import type { Complaint } from './complaint.ts';
import type { IntakeRequest } from './intake-request.ts';

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
  receivedEvent: ComplaintEvent;
}

/** Builds the stored complaint and its first audit event from a validated request. */
export const newComplaint = (
  request: IntakeRequest,
  ids: { id: string; reference: string; eventId: string },
  now: Date,
): NewComplaint => {
  const at = now.toISOString();
  const { customer, consent: _consent, ...details } = request;
  const complaint: Complaint = {
    id: ids.id,
    reference: ids.reference,
    status: 'received',
    customer: { name: customer.name, email: customer.email, phone: customer.phone, locale: customer.locale },
    ...details,
    tier: 'ordinary',
    customerKey: customerKeyFor(customer.email),
    ...(customer.phone ? { customerPhoneKey: customerPhoneKeyFor(customer.phone) } : {}),
    consent: { dataProcessing: true, recordedAt: at },
    submittedAt: at,
    updatedAt: at,
    version: 1,
  };
  const receivedEvent: ComplaintEvent = {
    complaintId: ids.id,
    eventId: ids.eventId,
    at,
    type: 'complaint.received',
    actor: { kind: 'customer' },
    customerVisible: true,
    changes: { status: { before: null, after: 'received' } },
  };
  return { complaint, receivedEvent };
};
