import { createHash } from 'node:crypto';
import * as z from 'zod';
import { CATEGORIES, CHANNELS, LOCALES, type Complaint, type ComplaintEvent } from './complaint.ts';
import { text } from './text.ts';

/** Largest accepted request body, in bytes. */
export const MAX_INTAKE_BODY_BYTES = 64 * 1024;

/** Allowed clock skew for an incident time that lies slightly in the future. */
const INCIDENT_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]*[0-9]$/u, 'must be a phone number of digits, spaces, dashes and an optional +')
  .refine((value) => {
    const digits = value.replace(/\D/gu, '').length;
    return digits >= 5 && digits <= 20;
  }, 'must have 5 to 20 digits');

export const customerInputSchema = z.strictObject({
  name: text({ max: 100 }),
  email: z
    .string()
    .trim()
    .max(254, 'must be at most 254 characters')
    .pipe(z.email('must be an email address')),
  phone: phone.optional(),
  locale: z.enum(LOCALES, `must be one of ${LOCALES.join(', ')}`).default('zh-CN'),
});

/** The public intake request body. Every string is limited in characters. */
export const intakeRequestSchema = z.strictObject({
  customer: customerInputSchema,
  subject: text({ max: 200 }),
  description: text({ min: 10, max: 5000, multiline: true }),
  channel: z.enum(CHANNELS, `must be one of ${CHANNELS.join(', ')}`).default('web'),
  categoryHint: z.enum(CATEGORIES, `must be one of ${CATEGORIES.join(', ')}`).optional(),
  product: text({ max: 200 }).optional(),
  orderRef: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_#/.-]{0,63}$/u, 'must be 1-64 letters, digits or _#/.-')
    .optional(),
  incidentAt: z.iso
    .datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset' })
    .optional(),
  desiredOutcome: text({ max: 1000, multiline: true }).optional(),
  consent: z.strictObject({
    dataProcessing: z.literal(true, 'must be true: consent to processing is required'),
  }),
});

export type IntakeRequest = z.output<typeof intakeRequestSchema>;

export interface FieldError {
  field: string;
  message: string;
}

export type IntakeValidation = { ok: true; request: IntakeRequest } | { ok: false; errors: FieldError[] };

const fieldName = (path: readonly PropertyKey[]): string =>
  path.length === 0 ? '(body)' : path.map(String).join('.');

export const toFieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), message: 'is not a known field' }))
      : [{ field: fieldName(issue.path), message: issue.message }],
  );

/** Validates a parsed JSON body; rules that need the clock take `now`. */
export const validateIntake = (body: unknown, now: Date): IntakeValidation => {
  const parsed = intakeRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: toFieldErrors(parsed.error) };
  const { incidentAt } = parsed.data;
  if (incidentAt !== undefined && Date.parse(incidentAt) > now.getTime() + INCIDENT_FUTURE_TOLERANCE_MS) {
    return { ok: false, errors: [{ field: 'incidentAt', message: 'must not be in the future' }] };
  }
  return { ok: true, request: parsed.data };
};

// Crockford base32 without I, L, O, U: unambiguous when read out over the phone.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE_TIME_ZONE = 'Asia/Shanghai';

const referenceDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: REFERENCE_TIME_ZONE,
  year: '2-digit',
  month: '2-digit',
  day: '2-digit',
});

/**
 * A human-friendly reference such as `CMP-261123-7K3QX9`: the submission date in China and six
 * random symbols drawn from `randomBytes`.
 */
export const makeReference = (submittedAt: Date, randomBytes: Uint8Array): string => {
  if (randomBytes.length < 6) throw new Error('makeReference needs 6 random bytes');
  const date = referenceDate.format(submittedAt).replaceAll('-', '');
  const suffix = Array.from(randomBytes.subarray(0, 6), (byte) => REFERENCE_ALPHABET[byte % 32]).join('');
  return `CMP-${date}-${suffix}`;
};

export const referenceSchema = z.string().regex(/^CMP-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/u);

export interface NewComplaint {
  complaint: Complaint;
  receivedEvent: ComplaintEvent;
}

/** A pseudonymous, stable key for the customer: the same email always gives the same key. */
export const customerKeyFor = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');

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
