import * as z from './zod.ts';
import { toFieldErrors, type FieldError } from './field-errors.ts';
import { PRIVACY_NOTICE_VERSIONS } from './privacy.ts';
import { text } from './text.ts';
import {
  CATEGORIES,
  CONTACT_CHANNELS,
  CUSTOMER_TIERS,
  LOCALES,
  PUBLIC_CHANNELS,
  STAFF_CHANNELS,
  THIRD_PARTY_KINDS,
} from './vocabulary.ts';

/*
 * The intake requests, public and staff-logged: their schemas and validation. Kept free of Node built-ins so the web form
 * validates with the very schema (and messages) the API uses.
 */

/** Largest accepted request body, in bytes. */
export const MAX_INTAKE_BODY_BYTES = 64 * 1024;

/** Allowed clock skew for an incident time that lies slightly in the future. */
const INCIDENT_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const phone = z.string().check(
  z.trim(),
  z.regex(/^\+?[0-9][0-9 ()-]*[0-9]$/u, 'must be a phone number of digits, spaces, dashes and an optional +'),
  z.refine((value) => {
    const digits = value.replace(/\D/gu, '').length;
    return digits >= 5 && digits <= 20;
  }, 'must have 5 to 20 digits'),
);

const email = z.pipe(
  z.string().check(z.trim(), z.maxLength(254, 'must be at most 254 characters')),
  z.email('must be an email address'),
);
const locale = z._default(z.enum(LOCALES, `must be one of ${LOCALES.join(', ')}`), 'zh-CN');

export const customerInputSchema = z.strictObject({
  name: text({ max: 100 }),
  email,
  phone: z.optional(phone),
  locale,
});

/**
 * The customer as staff record them: a phone call may leave no email address, so either contact
 * will do, but one is needed to reach them at all.
 */
export const staffCustomerInputSchema = z
  .strictObject({ name: text({ max: 100 }), email: z.optional(email), phone: z.optional(phone), locale })
  .check(
    z.superRefine((customer, ctx) => {
      if (customer.email === undefined && customer.phone === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['phone'],
          message: 'a phone number or an email address is required',
        });
    }),
  );

/** What the complaint is about: the same fields whoever records it. */
const complaintDetails = {
  subject: text({ max: 200 }),
  description: text({ min: 10, max: 5000, multiline: true }),
  categoryHint: z.optional(z.enum(CATEGORIES, `must be one of ${CATEGORIES.join(', ')}`)),
  product: z.optional(text({ max: 200 })),
  orderRef: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.regex(/^[A-Za-z0-9][A-Za-z0-9_#/.-]{0,63}$/u, 'must be 1-64 letters, digits or _#/.-'),
      ),
  ),
  incidentAt: z.optional(
    z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset' }),
  ),
  desiredOutcome: z.optional(text({ max: 1000, multiline: true })),
  consent: z.strictObject({
    dataProcessing: z.literal(true, 'must be true: consent to processing is required'),
    /** The privacy notice the customer was shown (domain/privacy.ts); stored with the consent. */
    privacyNoticeVersion: z.optional(
      z.enum(PRIVACY_NOTICE_VERSIONS, `must be one of ${PRIVACY_NOTICE_VERSIONS.join(', ')}`),
    ),
  }),
};

/** The public intake request body. Every string is limited in characters. */
export const intakeRequestSchema = z.strictObject({
  customer: customerInputSchema,
  subject: complaintDetails.subject,
  description: complaintDetails.description,
  // Only the channels a complainant uses alone: the others are logged by staff, who vouch for them.
  channel: z._default(z.enum(PUBLIC_CHANNELS, `must be one of ${PUBLIC_CHANNELS.join(', ')}`), 'web'),
  categoryHint: complaintDetails.categoryHint,
  product: complaintDetails.product,
  orderRef: complaintDetails.orderRef,
  incidentAt: complaintDetails.incidentAt,
  desiredOutcome: complaintDetails.desiredOutcome,
  consent: complaintDetails.consent,
});

/** Who passed a complaint on: a platform or an organisation, and its own reference for it. */
export const thirdPartySourceSchema = z.strictObject({
  kind: z.enum(THIRD_PARTY_KINDS, `must be one of ${THIRD_PARTY_KINDS.join(', ')}`),
  name: text({ max: 100 }),
  reference: z.optional(text({ max: 100 })),
});

/**
 * A complaint staff log for a customer who reached them by phone, letter, at the desk, on social
 * media or through a third party. `consent` is the customer's, as the agent asked for it.
 */
export const staffIntakeRequestSchema = z
  .strictObject({
    customer: staffCustomerInputSchema,
    ...complaintDetails,
    channel: z.enum(STAFF_CHANNELS, `must be one of ${STAFF_CHANNELS.join(', ')}`),
    /** When the customer complained: the SLA clocks run from it. */
    receivedAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset' }),
    tier: z._default(z.enum(CUSTOMER_TIERS, `must be one of ${CUSTOMER_TIERS.join(', ')}`), 'ordinary'),
    source: z.optional(thirdPartySourceSchema),
    /** How the agent confirmed receipt to the customer while logging it (on the phone: `phone`), if they did. */
    acknowledgedVia: z.optional(z.enum(CONTACT_CHANNELS, `must be one of ${CONTACT_CHANNELS.join(', ')}`)),
  })
  .check(
    z.superRefine((request, ctx) => {
      if (request.channel === 'third-party' && request.source === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['source'],
          message: 'is required for a third-party complaint',
        });
    }),
  );

export type IntakeRequest = z.output<typeof intakeRequestSchema>;
export type StaffIntakeRequest = z.output<typeof staffIntakeRequestSchema>;
export type ThirdPartySource = z.output<typeof thirdPartySourceSchema>;

export type Validation<Request> = { ok: true; request: Request } | { ok: false; errors: FieldError[] };
export type IntakeValidation = Validation<IntakeRequest>;

/**
 * The rule the schema cannot state: an incident time not in the future (beyond clock skew). Exported
 * so the form flags it as soon as the visitor leaves the field.
 */
export const futureIncidentError = (incidentAt: unknown, now: Date): FieldError | undefined =>
  typeof incidentAt === 'string' && Date.parse(incidentAt) > now.getTime() + INCIDENT_FUTURE_TOLERANCE_MS
    ? { field: 'incidentAt', message: 'must not be in the future' }
    : undefined;

/** Validates a parsed JSON body; rules that need the clock take `now`. */
export const validateIntake = (body: unknown, now: Date): IntakeValidation => {
  const parsed = intakeRequestSchema.safeParse(body);
  // Every problem at once: a future incident time is listed with the schema's errors.
  const future = futureIncidentError((body as { incidentAt?: unknown } | null)?.incidentAt, now);
  if (!parsed.success) {
    const errors = toFieldErrors(parsed.error);
    const listed = errors.some((error) => error.field === 'incidentAt');
    return { ok: false, errors: future && !listed ? [...errors, future] : errors };
  }
  if (future) return { ok: false, errors: [future] };
  return { ok: true, request: parsed.data };
};

/** Staff record a complaint after it was made, never before: a receipt time in the future is a mistake. */
export const futureReceiptError = (receivedAt: unknown, now: Date): FieldError | undefined =>
  typeof receivedAt === 'string' && Date.parse(receivedAt) > now.getTime() + INCIDENT_FUTURE_TOLERANCE_MS
    ? { field: 'receivedAt', message: 'must not be in the future' }
    : undefined;

/** Validates a staff-logged complaint; like validateIntake, every problem at once. */
export const validateStaffIntake = (body: unknown, now: Date): Validation<StaffIntakeRequest> => {
  const parsed = staffIntakeRequestSchema.safeParse(body);
  const fields = body as { incidentAt?: unknown; receivedAt?: unknown } | null;
  const clockErrors = [
    futureIncidentError(fields?.incidentAt, now),
    futureReceiptError(fields?.receivedAt, now),
  ].filter((error) => error !== undefined);
  const errors = parsed.success ? [] : toFieldErrors(parsed.error);
  const unlisted = clockErrors.filter((clock) => !errors.some((error) => error.field === clock.field));
  if (errors.length + unlisted.length > 0) return { ok: false, errors: [...errors, ...unlisted] };
  return { ok: true, request: parsed.data! };
};
