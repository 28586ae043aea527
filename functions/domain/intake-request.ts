import * as z from './zod.ts';
import { toFieldErrors, type FieldError } from './field-errors.ts';
import { text } from './text.ts';
import { CATEGORIES, CHANNELS, LOCALES } from './vocabulary.ts';

/*
 * The public intake request: its schema and validation. Kept free of Node built-ins so the web form
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

export const customerInputSchema = z.strictObject({
  name: text({ max: 100 }),
  email: z.pipe(
    z.string().check(z.trim(), z.maxLength(254, 'must be at most 254 characters')),
    z.email('must be an email address'),
  ),
  phone: z.optional(phone),
  locale: z._default(z.enum(LOCALES, `must be one of ${LOCALES.join(', ')}`), 'zh-CN'),
});

/** The public intake request body. Every string is limited in characters. */
export const intakeRequestSchema = z.strictObject({
  customer: customerInputSchema,
  subject: text({ max: 200 }),
  description: text({ min: 10, max: 5000, multiline: true }),
  channel: z._default(z.enum(CHANNELS, `must be one of ${CHANNELS.join(', ')}`), 'web'),
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
  }),
});

export type IntakeRequest = z.output<typeof intakeRequestSchema>;

export type IntakeValidation = { ok: true; request: IntakeRequest } | { ok: false; errors: FieldError[] };

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
