import { useEffect, useState } from 'preact/hooks';
import { validateStaffIntake } from '../../../functions/domain/intake-request.ts';
import { CURRENT_PRIVACY_NOTICE_VERSION } from '../../../functions/domain/privacy.ts';
import type { VocabularyLabels } from '../../../functions/domain/labels.ts';
import {
  CATEGORIES,
  CONTACT_CHANNELS,
  CUSTOMER_TIERS,
  LOCALES,
  STAFF_CHANNELS,
  THIRD_PARTY_KINDS,
} from '../../../functions/domain/vocabulary.ts';
import { idempotencyKeyFor, settleSubmission } from '../public/idempotency.ts';
import { jsonInit, type FieldError, type Problem } from '../shared/api.ts';
import { Alert, Field } from '../shared/field.tsx';
import { useConsoleLocale } from './console-locale.ts';
import {
  emptyLogComplaint,
  errorsByControl,
  firstControlInError,
  logComplaintBody,
  showsSource,
  toLocalInput,
  type LogComplaintValues,
} from './log-complaint-form.ts';
import { fieldErrorText, problemText } from './problem-text.ts';
import { staffApi } from './staff-api.ts';

/** The console's pending submission, apart from the public form's (web/src/public/idempotency.ts). */
const PENDING_KEY = 'complaints.staff-pending-complaint';

interface Logged {
  id: string;
  reference: string;
}

type Control = keyof LogComplaintValues;
type TextControl = Exclude<Control, 'consent' | 'channel'>;

/**
 * "登记投诉 / Log a complaint" (#/log): an agent records a complaint while the customer is on the
 * line, keyboard first: the channel has the focus, Enter saves from any one-line field and Ctrl/⌘+Enter
 * from the description. The API's own schema checks the form before it is sent; one Idempotency-Key
 * per body, so a double press or a retry after a lost answer logs the complaint once.
 */
export const LogComplaintPage = () => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const words = t.log;
  const [values, setValues] = useState(() => emptyLogComplaint(new Date()));
  // As the schema or API gave them, worded at render time (a language switch rewords them).
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<Problem | 'key-reused' | undefined>();
  const [busy, setBusy] = useState(false);
  const errors = errorsByControl(fieldErrors);
  // Errors of no control of this form (an unknown field): said in the summary, never lost.
  const unplaced = fieldErrors.length > 0 && Object.keys(errors).length === 0;

  // The first field has the focus as soon as the page opens (autofocus acts on a page load only, and
  // this page is opened by a hash change).
  useEffect(() => document.getElementById('log-channel')?.focus(), []);

  const set = (control: Control, value: string | boolean) => setValues({ ...values, [control]: value });

  const showErrors = (list: FieldError[]) => {
    setFieldErrors(list);
    const first = firstControlInError(errorsByControl(list));
    if (first) document.getElementById(`log-${first}`)?.focus();
  };

  const submit = async (event?: Event) => {
    event?.preventDefault();
    if (busy) return;
    const body = logComplaintBody(values);
    const validation = validateStaffIntake(body, new Date());
    setProblem(undefined);
    if (!validation.ok) return showErrors(validation.errors);
    setFieldErrors([]);
    setBusy(true);
    const json = JSON.stringify(body);
    const result = await staffApi<Logged>('/v1/staff/complaints', {
      ...jsonInit('POST', body, { 'idempotency-key': idempotencyKeyFor(json, PENDING_KEY) }),
      body: json,
    });
    setBusy(false);
    if (result.ok) {
      settleSubmission(PENDING_KEY);
      location.hash = `#/case/${encodeURIComponent(result.body.id)}`;
      return;
    }
    const refused = result.problem;
    // Refused for good: the next send is another submission. Otherwise the key stays, so a retry is safe.
    if (refused.status === 400 || refused.status === 409) settleSubmission(PENDING_KEY);
    if (refused.status === 400 && refused.errors) showErrors(refused.errors);
    setProblem(refused.status === 409 ? 'key-reused' : refused);
  };

  const label = (kind: keyof VocabularyLabels, codes: readonly string[]) =>
    codes.map((code) => [code, cl.label(kind, code)] as const);

  const select = (
    control: Exclude<TextControl, 'receivedAt'> | 'channel',
    text: string,
    options: readonly (readonly [string, string])[],
  ) => (
    <Field id={`log-${control}`} label={text} error={errorText(control)}>
      {(describedBy, invalid) => (
        <select
          id={`log-${control}`}
          name={control}
          value={values[control]}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(event) => set(control, event.currentTarget.value)}
        >
          {options.map(([value, shown]) => (
            <option key={value} value={value}>
              {shown}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  const errorText = (control: Control) => {
    const message = errors[control];
    return message === undefined ? undefined : fieldErrorText(message, cl);
  };

  const input = (
    control: TextControl,
    text: string,
    options: {
      type?: 'text' | 'tel' | 'email' | 'datetime-local';
      required?: boolean;
      hint?: string;
      autocomplete?: string;
    } = {},
  ) => (
    <Field
      id={`log-${control}`}
      label={`${text}${options.required ? '' : ` (${t.optional})`}`}
      error={errorText(control)}
      hint={options.hint}
      required={options.required}
    >
      {(describedBy, invalid) => {
        const common = {
          id: `log-${control}`,
          name: control,
          value: values[control],
          'aria-describedby': describedBy,
          'aria-invalid': invalid,
          'aria-required': options.required,
          autocomplete: options.autocomplete ?? 'off',
          onInput: (event: Event) => set(control, (event.currentTarget as HTMLInputElement).value),
        };
        // One literal type per element: Preact types each input type's attributes separately.
        if (options.type === 'datetime-local')
          return <input type="datetime-local" max={toLocalInput(new Date())} {...common} />;
        if (options.type === 'tel') return <input type="tel" {...common} />;
        if (options.type === 'email') return <input type="email" {...common} />;
        return <input type="text" {...common} />;
      }}
    </Field>
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="log-title" data-busy={busy}>
      <h1 id="log-title">{words.title}</h1>
      <p class="hint">{words.intro}</p>
      {problem && (
        <Alert kind="error">
          <span data-testid="log-problem">
            {problem === 'key-reused' ? words.keyReused : problemText(problem, cl)}
          </span>
        </Alert>
      )}
      {!problem && fieldErrors.length > 0 && (
        <Alert kind="error">
          {t.problems.invalid}
          {unplaced && t.paren(fieldErrors.map((error) => `${error.field}: ${error.message}`).join('; '))}
        </Alert>
      )}
      <fieldset>
        <legend>{words.call}</legend>
        {select('channel', words.channel, label('channel', STAFF_CHANNELS))}
        {input('receivedAt', words.receivedAt, {
          type: 'datetime-local',
          required: true,
          hint: words.receivedAtHint,
        })}
        {showsSource(values.channel) && (
          <>
            {select('sourceKind', words.sourceKind, label('thirdPartyKind', THIRD_PARTY_KINDS))}
            {input('sourceName', words.sourceName, { required: values.channel === 'third-party' })}
            {input('sourceReference', words.sourceReference)}
          </>
        )}
      </fieldset>
      <fieldset aria-describedby="log-contact-hint">
        <legend>{words.customer}</legend>
        {input('name', words.name, { required: true })}
        <p class="hint" id="log-contact-hint">
          {words.contactHint}
        </p>
        {input('phone', words.phone, { type: 'tel' })}
        {input('email', words.email, { type: 'email' })}
        {select('locale', words.locale, label('locale', LOCALES))}
        {select('tier', words.tier, label('tier', CUSTOMER_TIERS))}
      </fieldset>
      <fieldset>
        <legend>{words.complaint}</legend>
        {input('subject', words.subject, { required: true })}
        <Field id="log-description" label={words.description} error={errorText('description')} required>
          {(describedBy, invalid) => (
            <textarea
              id="log-description"
              name="description"
              value={values.description}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              aria-required
              onInput={(event) => set('description', event.currentTarget.value)}
              onKeyDown={(event) => {
                // Enter is a new line here; Ctrl/⌘+Enter saves, as in mail and chat clients.
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                  event.preventDefault();
                  void submit();
                }
              }}
            />
          )}
        </Field>
        {select('categoryHint', `${words.categoryHint} (${t.optional})`, [
          ['', words.categoryNone],
          ...label('category', CATEGORIES),
        ])}
        {input('product', words.product)}
        {select('acknowledgedVia', words.acknowledgedVia, [
          ['', words.notAcknowledged],
          ...label('contactChannel', CONTACT_CHANNELS),
        ])}
      </fieldset>
      <div class={`field${errors.consent ? ' invalid' : ''}`}>
        <div class="check">
          <input
            type="checkbox"
            id="log-consent"
            name="consent"
            checked={values.consent}
            aria-invalid={Boolean(errors.consent)}
            aria-describedby={errors.consent ? 'log-consent-error' : undefined}
            onChange={(event) => set('consent', event.currentTarget.checked)}
          />
          <label for="log-consent">{words.consent}</label>
        </div>
        <p class="hint">{cl.t.case.privacyNotice(CURRENT_PRIVACY_NOTICE_VERSION)}</p>
        {errors.consent && (
          <p class="error" id="log-consent-error">
            {errorText('consent')}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {busy ? words.saving : words.submit}
      </button>
    </form>
  );
};
