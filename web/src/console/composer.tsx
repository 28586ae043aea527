import { useState } from 'preact/hooks';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { errorsByField, jsonInit } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { ACTION_FORMS, actionBody, initialValues, isRequired, type ActionField } from './action-forms.ts';
import { choiceOptions } from './action-choices.ts';
import { useConsoleLocale } from './console-locale.ts';
import { fieldName, fieldValue } from './case-timeline.tsx';
import type { DirectoryNames } from './directory.ts';
import { fieldErrorText, problemText } from './problem-text.ts';
import { ReplyTemplatePicker } from './reply-template-picker.tsx';
import { staffApi } from './staff-api.ts';

/** The next step most cases wait for, first: a decision someone asked for, then the handling. */
const PREFERRED = [
  'approve-change',
  'approve-proposal',
  'accept',
  'contact-customer',
  'propose-resolution',
  'resolve',
  'close',
];

/** While a proposal waits for its approver, its author's next step is a note, not another proposal. */
const defaultAction = (detail: CaseDetail, allowed: readonly string[]): string => {
  const waiting = detail.proposal?.approval === 'pending';
  const preferred = PREFERRED.filter(
    (action) => !(waiting && (action === 'propose-resolution' || action === 'resolve')),
  );
  return (
    preferred.find((action) => allowed.includes(action)) ??
    (waiting && allowed.includes('add-note') ? 'add-note' : allowed[0]) ??
    ''
  );
};

/** Fields a conflict may have changed, compared between the version typed against and the new one. */
const WATCHED = ['status', 'assignee', 'category', 'severity', 'urgency', 'priority', 'department'] as const;

export const caseDifferences = (before: CaseDetail, after: CaseDetail) => [
  ...WATCHED.filter((field) => before[field] !== after[field]).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  })),
  ...(before.proposal?.approval !== after.proposal?.approval
    ? [
        {
          field: 'proposal',
          before: before.proposal?.approval as unknown,
          after: after.proposal?.approval as unknown,
        },
      ]
    : []),
];

interface ComposerProps {
  detail: CaseDetail;
  self: string;
  names: DirectoryNames;
  /** After an action: the case as it answered, and the action's type. */
  onDone: (updated: CaseDetail, action: string) => void;
  /** Loads the case again (after a conflict) and returns the new version. */
  reload: () => Promise<CaseDetail | undefined>;
}

/** The one place to act on the case: choose an allowed action, fill in its form, send it. */
export const Composer = ({ detail, self, names, onDone, reload }: ComposerProps) => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const allowed = detail.allowedActions.filter((type) => ACTION_FORMS[type]);
  const [type, setType] = useState(() => defaultAction(detail, allowed));
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(type, detail, self));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ text: string; conflict: boolean; attempt: number } | undefined>();
  /** Sends so far: a refusal names the attempt it answers (tests and screen readers tell them apart). */
  const [attempts, setAttempts] = useState(0);
  const [changes, setChanges] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  if (allowed.length === 0) return <p>{t.composer.none}</p>;
  const current: string = (allowed as string[]).includes(type) ? type : allowed[0]!;
  const form = ACTION_FORMS[current]!;
  const actionLabel = t.composer.actions[current] ?? current;
  const optionsOf = (field: ActionField) => choiceOptions(field, { detail, names, self, cl });
  // A select shows its first option until one is chosen; that is the value sent.
  const sent = {
    ...Object.fromEntries(form.fields.map((field) => [field.name, optionsOf(field)?.[0]?.[0]])),
    ...values,
  } as Record<string, string>;

  const choose = (next: string) => {
    setType(next);
    setValues(initialValues(next, detail, self));
    setErrors({});
    setProblem(undefined);
    setChanges([]);
    setConfirming(false);
  };

  const send = async () => {
    const attempt = attempts + 1;
    setAttempts(attempt);
    setBusy(true);
    const result = await staffApi<CaseDetail>(
      `/v1/staff/complaints/${encodeURIComponent(detail.id)}/actions`,
      jsonInit('POST', actionBody(current, detail.version, sent)),
    );
    setBusy(false);
    setConfirming(false);
    // The page mounts a fresh composer after an action (its key changes), so nothing to reset here.
    if (result.ok) return onDone(result.body, current);
    setErrors(errorsByField(result.problem.errors));
    const conflict = result.problem.status === 409;
    setProblem({ text: problemText(result.problem, cl), conflict, attempt });
    if (conflict) {
      // The form keeps what was typed; the case is reloaded and what changed is listed beside it.
      const fresh = await reload();
      if (fresh)
        setChanges(
          caseDifferences(detail, fresh).map((change) =>
            t.case.changed(
              fieldName(change.field, cl),
              change.field === 'proposal'
                ? (t.thread.approval[String(change.before)] ?? t.none)
                : fieldValue(change.field, change.before, cl, names),
              change.field === 'proposal'
                ? (t.thread.approval[String(change.after)] ?? t.none)
                : fieldValue(change.field, change.after, cl, names),
            ),
          ),
        );
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    for (const field of form.fields)
      if (isRequired(field, values) && field.kind !== 'select' && !(values[field.name] ?? '').trim())
        missing[field.name] = 'must not be empty'; // the API's words, translated where shown
    setErrors(missing);
    if (Object.keys(missing).length > 0)
      return setProblem({ text: t.problems.invalid, conflict: false, attempt: attempts });
    setProblem(undefined); // a new attempt: the last refusal no longer applies
    if (form.confirm && !confirming) return setConfirming(true);
    void send();
  };

  const control = (field: ActionField) => {
    const id = `action-${field.name}`;
    const error = errors[field.name];
    const common = {
      id,
      name: field.name,
      value: values[field.name] ?? '',
      required: isRequired(field, values),
      'aria-invalid': Boolean(error),
      'aria-describedby': error ? `${id}-error` : undefined,
      onInput: (event: Event) =>
        setValues({ ...values, [field.name]: (event.currentTarget as HTMLInputElement).value }),
    };
    if (field.kind === 'textarea') return <textarea {...common} />;
    if (field.kind === 'datetime') return <input {...common} type="datetime-local" />;
    if (field.kind === 'date') return <input {...common} type="date" />;
    if (field.kind === 'amount') return <input {...common} type="number" step="0.01" min="0" />;
    if (field.kind === 'text') return <input {...common} type="text" />;
    const options = optionsOf(field) ?? [];
    return (
      <select {...common} value={values[field.name] ?? options[0]?.[0]} onChange={common.onInput}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    );
  };

  return (
    <section class="composer" aria-labelledby="composer-title">
      <h2 id="composer-title">{t.composer.title}</h2>
      <div class="field">
        <label for="composer-action">{t.composer.choose}</label>
        <select
          id="composer-action"
          data-testid="composer-action"
          value={current}
          onChange={(event) => choose(event.currentTarget.value)}
        >
          {allowed.map((action) => (
            <option key={action} value={action}>
              {t.composer.actions[action] ?? action}
            </option>
          ))}
        </select>
      </div>
      <form data-action={current} data-attempts={attempts} onSubmit={submit} noValidate>
        {problem && (
          <Alert kind="error">
            <span data-problem={problem.conflict ? 'conflict' : 'refused'} data-attempt={problem.attempt}>
              {problem.text}
            </span>
            {problem.conflict && changes.length > 0 && (
              <>
                {' '}
                {t.composer.changedSince}
                <ul>
                  {changes.map((change) => (
                    <li key={change}>{change}</li>
                  ))}
                </ul>
              </>
            )}
          </Alert>
        )}
        <ReplyTemplatePicker
          action={current}
          detail={detail}
          remedy={sent.remedy}
          onFill={(field, text) => setValues({ ...values, [field]: text })}
        />
        {form.fields.map((field) => (
          <div class={`field${errors[field.name] ? ' invalid' : ''}`} key={field.name}>
            <label for={`action-${field.name}`}>
              {t.composer.fields[field.name] ?? field.name}
              {isRequired(field, values) ? ` (${t.required})` : ` (${t.optional})`}
            </label>
            {control(field)}
            {errors[field.name] && (
              <p class="error" id={`action-${field.name}-error`}>
                {fieldErrorText(errors[field.name]!, cl)}
              </p>
            )}
          </div>
        ))}
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-text" class="confirm">
            <p id="confirm-text">{t.composer.confirm(actionLabel)}</p>
            <button type="submit" disabled={busy}>
              {t.composer.confirmYes}
            </button>{' '}
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {t.composer.confirmNo}
            </button>
          </div>
        ) : (
          <button type="submit" disabled={busy}>
            {actionLabel}
          </button>
        )}
      </form>
    </section>
  );
};
