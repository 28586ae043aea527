import { useState } from 'preact/hooks';
import type { LegalHoldRequest, LegalHoldResponse } from '../../../functions/domain/retention.ts';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { jsonInit, type Problem } from '../shared/api.ts';
import { Alert, Field } from '../shared/field.tsx';
import type { StaffSession } from './auth.ts';
import { mayHoldLegally } from './case-privacy-rights.ts';
import { useConsoleLocale } from './console-locale.ts';
import { fieldErrorText, problemText } from './problem-text.ts';
import { staffApi } from './staff-api.ts';

/**
 * 法律保留 / Legal hold: a manager or admin sets it (or re-words its reason) or clears it, always
 * with a reason, which the audit trail keeps. The hold itself shows in the side panel
 * (personal-data-status.tsx); an anonymised case has nothing left to hold, so no form.
 */
export const LegalHoldForm = ({
  detail,
  session,
  onSaved,
}: {
  detail: Pick<CaseDetail, 'id' | 'legalHold' | 'anonymised'>;
  session: StaffSession;
  onSaved: () => void;
}) => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState<'saved' | 'cleared' | undefined>();
  const [busy, setBusy] = useState(false);
  if (!mayHoldLegally(session) || detail.anonymised) return null;
  const held = Boolean(detail.legalHold);

  const submit = async (hold: boolean) => {
    setBusy(true);
    const body: LegalHoldRequest = { hold, reason };
    const result = await staffApi<LegalHoldResponse>(
      `/v1/staff/complaints/${encodeURIComponent(detail.id)}/legal-hold`,
      jsonInit('PUT', body),
    );
    setBusy(false);
    if (!result.ok) {
      setDone(undefined);
      return setProblem(result.problem);
    }
    setProblem(undefined);
    setReason('');
    setDone(hold ? 'saved' : 'cleared');
    onSaved();
  };
  const reasonError = problem?.errors?.find((error) => error.field === 'reason')?.message;

  return (
    <section class="legal-hold" aria-labelledby="legal-hold-title" data-testid="legal-hold-form">
      <h2 id="legal-hold-title">{t.legalHold.title}</h2>
      {done && <Alert kind="success">{t.legalHold[done]}</Alert>}
      {problem && !reasonError && <Alert kind="error">{problemText(problem, cl)}</Alert>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(true);
        }}
      >
        <Field
          id="legal-hold-reason"
          label={t.legalHold.reason}
          hint={t.legalHold.hint}
          error={reasonError && fieldErrorText(reasonError, cl)}
          required
        >
          {(describedBy, invalid) => (
            <textarea
              id="legal-hold-reason"
              name="reason"
              rows={2}
              value={reason}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onInput={(event) => setReason(event.currentTarget.value)}
            />
          )}
        </Field>
        <p>
          <button type="submit" disabled={busy}>
            {held ? t.legalHold.update : t.legalHold.set}
          </button>{' '}
          {held && (
            <button type="button" class="secondary" disabled={busy} onClick={() => void submit(false)}>
              {t.legalHold.clear}
            </button>
          )}
        </p>
      </form>
    </section>
  );
};
