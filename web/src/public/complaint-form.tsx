import { useState } from 'preact/hooks';
import { CATEGORIES } from '../../../functions/domain/vocabulary.ts';
import { futureIncidentError, validateIntake } from '../../../functions/domain/intake-request.ts';
import { labelOf } from '../../../functions/domain/labels.ts';
import { CURRENT_PRIVACY_NOTICE_VERSION } from '../../../functions/domain/privacy.ts';
import { callApi, jsonInit, type FieldError } from '../shared/api.ts';
import { localizedErrorsByField } from './field-messages.ts';
import { Alert, Field } from '../shared/field.tsx';
import { useLocale } from '../shared/page.tsx';
import { idempotencyKeyFor, settleSubmission } from './idempotency.ts';
import { isProofOfWorkProblem, prepareProofOfWork, sendWithProofOfWork } from './proof-of-work.ts';
import { EvidencePicker, fileProblem, MAX_FILES, uploadEvidence } from '../shared/evidence.tsx';

interface Created {
  id: string;
  reference: string;
  trackingToken: string;
}

type TextField =
  | 'name'
  | 'email'
  | 'phone'
  | 'subject'
  | 'description'
  | 'categoryHint'
  | 'product'
  | 'orderRef'
  | 'incidentAt'
  | 'desiredOutcome';

const EMPTY: Record<TextField, string> = {
  name: '',
  email: '',
  phone: '',
  subject: '',
  description: '',
  categoryHint: '',
  product: '',
  orderRef: '',
  incidentAt: '',
  desiredOutcome: '',
};

/** The API field path of each form control, for mapping the schema's and the API's errors. */
const FIELD_PATH: Record<TextField | 'consent' | 'locale', string> = {
  name: 'customer.name',
  email: 'customer.email',
  phone: 'customer.phone',
  locale: 'customer.locale',
  subject: 'subject',
  description: 'description',
  categoryHint: 'categoryHint',
  product: 'product',
  orderRef: 'orderRef',
  incidentAt: 'incidentAt',
  desiredOutcome: 'desiredOutcome',
  consent: 'consent.dataProcessing',
};

const optional = (value: string) => (value.trim() === '' ? undefined : value);

/** The request body exactly as the API takes it; empty optional fields are left out. */
const requestBody = (values: Record<TextField, string>, locale: string, consent: boolean) => ({
  customer: {
    name: values.name,
    email: values.email,
    phone: optional(values.phone),
    locale,
  },
  subject: values.subject,
  description: values.description,
  channel: 'web',
  categoryHint: optional(values.categoryHint),
  product: optional(values.product),
  orderRef: optional(values.orderRef),
  // datetime-local is the visitor's local time; the API wants an offset, so send it as UTC.
  incidentAt: values.incidentAt ? new Date(values.incidentAt).toISOString() : undefined,
  desiredOutcome: optional(values.desiredOutcome),
  // The API requires `true`; an unticked box is sent as given and refused with the API's own message.
  // The notice shown beside the box: the consent is recorded with its version.
  consent: { dataProcessing: consent, privacyNoticeVersion: CURRENT_PRIVACY_NOTICE_VERSION },
});

/** The tracking page's link, token in the fragment as in our emails (functions/adapters/tracking-link.ts). */
export const trackingUrl = (created: Pick<Created, 'id' | 'trackingToken'>) =>
  `${location.origin}/track/?id=${encodeURIComponent(created.id)}#token=${encodeURIComponent(created.trackingToken)}`;

export const ComplaintForm = () => {
  const { t, locale } = useLocale();
  const [values, setValues] = useState(EMPTY);
  const [mailLocale, setMailLocale] = useState<string | undefined>(undefined);
  const [consent, setConsent] = useState(false);
  // Kept as the schema or API gave them and worded at render time, so switching the page's language
  // rewords every message and the summary at once.
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<((t: ReturnType<typeof useLocale>['t']) => string) | undefined>();
  const errors = localizedErrorsByField(locale, fieldErrors);
  /** `verifying`: solving the proof of work (public forms, functions/domain/proof-of-work.ts). */
  const [busy, setBusy] = useState<false | 'verifying' | 'submitting'>(false);
  const [created, setCreated] = useState<Created | undefined>();
  const [files, setFiles] = useState<File[]>([]);
  // After the complaint is stored: how many files went up, and which did not.
  const [uploads, setUploads] = useState<{ done: number; failed: string[]; busy: boolean } | undefined>();

  /** The chosen files go up one by one with the new complaint's tracking token. */
  const uploadFiles = async (complaint: Created) => {
    if (files.length === 0) return;
    const state = { done: 0, failed: [] as string[], busy: true };
    setUploads({ ...state });
    for (const file of files) {
      const result = await uploadEvidence(
        `/v1/complaints/${encodeURIComponent(complaint.id)}/attachments`,
        { 'x-tracking-token': complaint.trackingToken },
        file,
      );
      if (result.ok) state.done += 1;
      else state.failed.push(file.name);
      setUploads({ ...state });
    }
    setUploads({ ...state, busy: false });
  };

  const showErrors = (fieldErrors: FieldError[]) => {
    setFieldErrors(fieldErrors);
    const count = new Set(fieldErrors.map((error) => error.field)).size;
    setFailure(() => (words: typeof t) => words.form.fixErrors(count));
    // Move focus to the first field in error, in form order.
    const first = Object.entries(FIELD_PATH).find(([, path]) =>
      fieldErrors.some((error) => error.field === path),
    );
    if (first) document.getElementById(`f-${first[0]}`)?.focus();
  };

  /** A future incident time is flagged as the visitor leaves the field, with the API's own rule. */
  const checkIncidentAt = () => {
    const others = fieldErrors.filter((error) => error.field !== FIELD_PATH.incidentAt);
    const value = values.incidentAt;
    const at = value ? new Date(value) : undefined;
    const future =
      at && !Number.isNaN(at.getTime()) ? futureIncidentError(at.toISOString(), new Date()) : undefined;
    const own = future ? [future] : [];
    setFieldErrors([...others, ...own]);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const body = requestBody(values, mailLocale ?? locale, consent);
    const validation = validateIntake(body, new Date());
    if (!validation.ok) return showErrors(validation.errors);
    // The files are checked before the complaint is sent: a refused file would otherwise be found
    // only after the complaint exists.
    if (files.length > MAX_FILES || files.some((file) => fileProblem(file, t))) {
      document.getElementById('f-evidence')?.focus();
      return;
    }
    setFieldErrors([]);
    setFailure(undefined);
    setBusy('verifying');
    const json = JSON.stringify(body);
    const result = await sendWithProofOfWork(
      (proof) => {
        setBusy('submitting');
        return callApi<Created>('/v1/complaints', {
          ...jsonInit('POST', body, { 'idempotency-key': idempotencyKeyFor(json), ...proof }),
          body: json,
        });
      },
      () => setBusy('verifying'),
    );
    setBusy(false);
    if (!result || (!result.ok && isProofOfWorkProblem(result.problem))) {
      return setFailure(() => (words: typeof t) => words.form.verificationFailed);
    }
    if (result.ok) {
      settleSubmission();
      setCreated(result.body);
      return uploadFiles(result.body);
    }
    const { problem } = result;
    if (problem.status === 400 && problem.errors) {
      settleSubmission();
      return showErrors(problem.errors);
    }
    if (problem.status === 409) {
      settleSubmission();
      return setFailure(() => (words: typeof t) => words.form.conflict);
    }
    // Network failure or a server error: the key is kept, so "try again" is safe.
    setFailure(
      () => (words: typeof t) =>
        problem.status === 0
          ? words.networkError
          : `${words.unexpected} (${problem.status}). ${words.form.retry}.`,
    );
  };

  if (created) {
    const link = trackingUrl(created);
    return (
      <section aria-labelledby="done-title">
        <h1 id="done-title" tabIndex={-1} ref={(element) => element?.focus()}>
          {t.form.successTitle}
        </h1>
        <dl class="facts">
          <dt>{t.form.reference}</dt>
          <dd>
            <strong data-testid="reference">{created.reference}</strong>
          </dd>
        </dl>
        <p>{t.form.successText}</p>
        {uploads && (
          <div data-testid="upload-status" aria-live="polite">
            {uploads.busy ? <p>{t.evidence.uploading}</p> : <p>{t.evidence.uploaded(uploads.done)}</p>}
            {uploads.failed.map((name) => (
              <Alert kind="error" key={name}>
                {t.evidence.failed(name)}
              </Alert>
            ))}
          </div>
        )}
        <p>
          <a href={link} data-testid="tracking-link">
            {t.form.trackingLink}
          </a>
        </p>
        <p>
          <a href="/track/">{t.form.lostLink}</a>
        </p>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setCreated(undefined);
            setValues(EMPTY);
            setConsent(false);
            setFiles([]);
            setUploads(undefined);
          }}
        >
          {t.form.another}
        </button>
      </section>
    );
  }

  const text = (
    name: TextField,
    label: string,
    options: {
      type?: 'text' | 'email' | 'tel' | 'datetime-local';
      required?: boolean;
      hint?: string;
      multiline?: boolean;
      autocomplete?: string;
    } = {},
  ) => (
    <Field
      id={`f-${name}`}
      label={`${label}${options.required ? '' : ` (${t.optional})`}`}
      error={errors[FIELD_PATH[name]]}
      hint={options.hint}
      required={options.required}
    >
      {(describedBy, invalid) => {
        const common = {
          id: `f-${name}`,
          name,
          value: values[name],
          'aria-describedby': describedBy,
          'aria-invalid': invalid,
          'aria-required': options.required,
          autocomplete: options.autocomplete,
          onInput: (event: Event) =>
            setValues({ ...values, [name]: (event.currentTarget as HTMLInputElement).value }),
          onBlur: name === 'incidentAt' ? () => checkIncidentAt() : undefined,
        };
        if (options.multiline) return <textarea {...common} />;
        // One literal type per element: Preact types each input type's attributes separately.
        if (options.type === 'datetime-local') return <input type="datetime-local" {...common} />;
        if (options.type === 'email') return <input type="email" {...common} />;
        if (options.type === 'tel') return <input type="tel" {...common} />;
        return <input type="text" {...common} />;
      }}
    </Field>
  );

  return (
    <form
      onSubmit={(event) => void submit(event)}
      onFocusIn={prepareProofOfWork}
      noValidate
      aria-labelledby="form-title"
    >
      <h1 id="form-title">{t.form.title}</h1>
      <p>{t.form.intro}</p>
      {failure && <Alert kind="error">{failure(t)}</Alert>}
      <fieldset>
        <legend>{t.form.you}</legend>
        {text('name', t.form.name, { required: true, autocomplete: 'name' })}
        {text('email', t.form.email, { type: 'email', required: true, autocomplete: 'email' })}
        {text('phone', t.form.phone, { type: 'tel', autocomplete: 'tel' })}
        <Field id="f-locale" label={t.form.locale} error={errors[FIELD_PATH.locale]}>
          {(describedBy) => (
            <select
              id="f-locale"
              value={mailLocale ?? locale}
              aria-describedby={describedBy}
              onChange={(event) => setMailLocale(event.currentTarget.value)}
            >
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t.form.complaint}</legend>
        {text('subject', t.form.subject, { required: true })}
        {text('description', t.form.description, {
          required: true,
          multiline: true,
          hint: t.form.descriptionHint,
        })}
        <Field
          id="f-categoryHint"
          label={`${t.form.categoryHint} (${t.optional})`}
          error={errors[FIELD_PATH.categoryHint]}
        >
          {(describedBy, invalid) => (
            <select
              id="f-categoryHint"
              value={values.categoryHint}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(event) => setValues({ ...values, categoryHint: event.currentTarget.value })}
            >
              <option value="">{t.form.categoryNone}</option>
              {CATEGORIES.map((category) => (
                <option value={category} key={category}>
                  {labelOf(locale, 'category', category)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('product', t.form.product)}
        {text('orderRef', t.form.orderRef)}
        {text('incidentAt', t.form.incidentAt, { type: 'datetime-local' })}
        {text('desiredOutcome', t.form.desiredOutcome, { multiline: true })}
      </fieldset>
      <fieldset>
        <legend>{t.evidence.title}</legend>
        <EvidencePicker t={t} files={files} onChange={setFiles} />
      </fieldset>
      <div class={`field${errors[FIELD_PATH.consent] ? ' invalid' : ''}`}>
        <div class="check">
          <input
            type="checkbox"
            id="f-consent"
            checked={consent}
            aria-invalid={Boolean(errors[FIELD_PATH.consent])}
            aria-describedby={errors[FIELD_PATH.consent] ? 'f-consent-error' : undefined}
            onChange={(event) => setConsent(event.currentTarget.checked)}
          />
          <label for="f-consent">{t.form.consent}</label>
        </div>
        <p class="hint" data-testid="privacy-notice-version">
          {t.form.privacyNotice(CURRENT_PRIVACY_NOTICE_VERSION)}
        </p>
        {errors[FIELD_PATH.consent] && (
          <p class="error" id="f-consent-error">
            {errors[FIELD_PATH.consent]}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy !== false}>
        {busy === 'verifying' ? t.form.verifying : busy ? t.form.submitting : t.form.submit}
      </button>
      <p class="hint" role="status">
        {busy === 'verifying' ? t.form.verifyingStatus : ''}
      </p>
    </form>
  );
};
