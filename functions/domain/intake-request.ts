import * as z from 'zod';
import { CATEGORIES, CHANNELS, LOCALES } from './complaint.ts';
import { text } from './text.ts';

/*
 * The public intake request: its schema and validation. Kept free of Node built-ins so the web form
 * validates with the very schema (and messages) the API uses.
 */

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
