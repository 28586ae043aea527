import type { FieldError } from '../../../functions/domain/field-errors.ts';
import type { StaffChannel } from '../../../functions/domain/vocabulary.ts';
import { CURRENT_PRIVACY_NOTICE_VERSION } from '../../../functions/domain/privacy.ts';

/**
 * The console's "log a complaint" form as plain data: what it holds, the body it sends to
 * POST /v1/staff/complaints (staffIntakeRequestSchema) and where each field error belongs. No
 * Preact here, so a unit test checks the bodies against the API's own schema.
 */
export interface LogComplaintValues {
  channel: StaffChannel;
  /** The browser's datetime-local value (local wall-clock time, no zone). */
  receivedAt: string;
  name: string;
  phone: string;
  email: string;
  locale: string;
  tier: string;
  sourceKind: string;
  sourceName: string;
  sourceReference: string;
  subject: string;
  description: string;
  categoryHint: string;
  product: string;
  /** '' while receipt was not confirmed to the customer. */
  acknowledgedVia: string;
  consent: boolean;
}

/** Channels whose complaint someone passed on: the form asks who (the API requires it for third-party). */
export const showsSource = (channel: string): boolean =>
  channel === 'third-party' || channel === 'social-media';

/** A Date as a datetime-local value in the browser's zone, to the minute ("2026-11-26T09:05"). */
export const toLocalInput = (at: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
};

/** A fresh form: a hotline call being taken now, customer in Chinese, ordinary tier. */
export const emptyLogComplaint = (now: Date): LogComplaintValues => ({
  channel: 'hotline',
  receivedAt: toLocalInput(now),
  name: '',
  phone: '',
  email: '',
  locale: 'zh-CN',
  tier: 'ordinary',
  sourceKind: 'platform',
  sourceName: '',
  sourceReference: '',
  subject: '',
  description: '',
  categoryHint: '',
  product: '',
  acknowledgedVia: '',
  consent: false,
});

const optional = (value: string) => (value.trim() === '' ? undefined : value);

/**
 * The request body exactly as the API takes it; empty optional fields left out. A receipt time the
 * browser cannot read is sent as typed, so the schema's own message says what is wrong with it.
 */
export const logComplaintBody = (values: LogComplaintValues) => {
  const receivedAt = new Date(values.receivedAt);
  // A social-media complaint may name its platform; a third-party one must (the schema says which).
  const source =
    showsSource(values.channel) && (values.channel === 'third-party' || optional(values.sourceName))
      ? {
          kind: values.sourceKind,
          name: values.sourceName,
          reference: optional(values.sourceReference),
        }
      : undefined;
  return {
    channel: values.channel,
    receivedAt: Number.isNaN(receivedAt.getTime()) ? values.receivedAt : receivedAt.toISOString(),
    customer: {
      name: values.name,
      phone: optional(values.phone),
      email: optional(values.email),
      locale: values.locale,
    },
    tier: values.tier,
    source,
    subject: values.subject,
    description: values.description,
    categoryHint: optional(values.categoryHint),
    product: optional(values.product),
    acknowledgedVia: optional(values.acknowledgedVia),
    // The API requires `true`; an unticked box is sent as given and refused with the schema's message.
    // The agent reads the current notice to the customer; the consent is recorded with its version.
    consent: { dataProcessing: values.consent, privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION },
  };
};

/** The API field path of each control (its element id is `log-<control>`), in the form's tab order. */
export const LOG_FIELD_PATHS: [control: keyof LogComplaintValues, path: string][] = [
  ['channel', 'channel'],
  ['receivedAt', 'receivedAt'],
  ['name', 'customer.name'],
  ['phone', 'customer.phone'],
  ['email', 'customer.email'],
  ['locale', 'customer.locale'],
  ['tier', 'tier'],
  ['sourceKind', 'source.kind'],
  ['sourceName', 'source.name'],
  ['sourceReference', 'source.reference'],
  ['subject', 'subject'],
  ['description', 'description'],
  ['categoryHint', 'categoryHint'],
  ['product', 'product'],
  ['acknowledgedVia', 'acknowledgedVia'],
  ['consent', 'consent.dataProcessing'],
];

/**
 * Field errors by control, first message each. A missing source as a whole (`source`) belongs to its
 * name, the field the agent has to fill in.
 */
export const errorsByControl = (
  errors: readonly FieldError[],
): Partial<Record<keyof LogComplaintValues, string>> => {
  const result: Partial<Record<keyof LogComplaintValues, string>> = {};
  for (const error of errors) {
    const path = error.field === 'source' ? 'source.name' : error.field;
    const control = LOG_FIELD_PATHS.find(([, known]) => known === path)?.[0];
    if (control) result[control] ??= error.message;
  }
  return result;
};

/** The first control in error, in tab order: focus goes there. */
export const firstControlInError = (
  errors: Partial<Record<keyof LogComplaintValues, string>>,
): keyof LogComplaintValues | undefined => LOG_FIELD_PATHS.find(([control]) => errors[control])?.[0];
