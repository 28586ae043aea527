import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Policy } from '../../../functions/domain/policy.ts';
import { jsonInit, type FieldError, type Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { currentSession } from './auth.ts';
import { CalendarYearsBanner } from './calendar-banner.tsx';
import { useConsoleLocale } from './console-locale.ts';
import { problemText } from './problem-text.ts';
import { CalendarYearsEditor } from './policy-calendar.tsx';
import { policyJson } from './policy-diff.ts';
import { PolicyDiffView } from './policy-diff-view.tsx';
import { errorsByPolicyPath, policyUpdate, type PolicyAdminView, type PolicyVersion } from './policy-form.ts';
import {
  ApprovalsSection,
  DepartmentsSection,
  EscalationSection,
  KpiTargetsSection,
  SlaSection,
  SurgeSection,
} from './policy-sections.tsx';
import { usePolicyWords } from './policy-words.ts';
import { staffApi } from './staff-api.ts';

const POLICY_PATH = '/v1/staff/admin/policy';

const Section = ({ id, title, children }: { id: string; title: string; children: ComponentChildren }) => (
  <section aria-labelledby={`${id}-title`} class="policy-section">
    <h2 id={`${id}-title`}>{title}</h2>
    {children}
  </section>
);

/**
 * The admin policy page (#/admin/policy): administrators edit a draft of the active policy, review
 * the diff, give a reason and save a new version; managers read it. The server validates the whole
 * policy; its field errors are shown at their paths.
 */
export const PolicyPage = () => {
  const cl = useConsoleLocale();
  const w = usePolicyWords();
  const canEdit = currentSession()?.roles.includes('admin') ?? false;
  const [view, setView] = useState<PolicyAdminView | undefined>();
  const [draft, setDraft] = useState<Policy | undefined>();
  /** Bumped when the draft is replaced as a whole, so the uncontrolled fields show it. */
  const [formKey, setFormKey] = useState(0);
  /** Bumped on every draft change: the JSON editor shows the draft as it is now. */
  const [revision, setRevision] = useState(0);
  const [reviewing, setReviewing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [jsonError, setJsonError] = useState<string | undefined>();
  const [compared, setCompared] = useState<PolicyVersion | undefined>();

  const load = async () => {
    const result = await staffApi<PolicyAdminView>(POLICY_PATH);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setView(result.body);
    setDraft(result.body.active.policy);
    setFormKey((key) => key + 1);
    setRevision((at) => at + 1);
  };
  useEffect(() => void load(), []);

  if (!view || !draft)
    return problem ? (
      <Alert kind="error">{problemText(problem, cl)}</Alert>
    ) : (
      <p role="status">{cl.t.loading}</p>
    );

  const change = (next: Policy) => {
    setDraft(next);
    setRevision((at) => at + 1);
    setNotice(undefined);
  };
  const replace = (next: Policy) => {
    change(next);
    setFormKey((key) => key + 1);
  };
  const errors = errorsByPolicyPath(fieldErrors);
  const sectionProps = { policy: draft, canEdit, errors, onChange: change };

  const save = async () => {
    if (!reason.trim()) return setReasonMissing(true);
    const result = await staffApi<PolicyVersion>(
      POLICY_PATH,
      jsonInit('PUT', policyUpdate(draft, reason, view.active.version)),
    );
    if (!result.ok) {
      setProblem(result.problem);
      setFieldErrors(result.problem.errors ?? []);
      if (result.problem.status === 400) setReviewing(false);
      return;
    }
    setFieldErrors([]);
    setReason('');
    setReviewing(false);
    await load();
    setNotice(w.review.saved(result.body.version));
  };

  const compare = async (version: number) => {
    const result = await staffApi<PolicyVersion>(`${POLICY_PATH}/versions/${version}`);
    if (!result.ok) return setProblem(result.problem);
    setCompared(result.body);
  };

  return (
    <>
      <h1>{w.title}</h1>
      <p data-testid="active-version">
        {w.active(view.active.version, cl.at(view.active.createdAt), view.active.createdBy ?? cl.t.none)}
      </p>
      <CalendarYearsBanner policy={draft} />
      {!canEdit && <Alert kind="info">{w.readOnly}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {problem && (
        <Alert kind="error">
          {problem.status === 409
            ? w.review.stale
            : problem.status === 400
              ? w.review.invalid
              : problemText(problem, cl)}
          {problem.status === 409 && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => void load()}>
                {w.review.reload}
              </button>
            </>
          )}
        </Alert>
      )}
      {fieldErrors.length > 0 && (
        <section aria-labelledby="p-problems" data-testid="policy-errors">
          <h2 id="p-problems">{w.review.problemsTitle}</h2>
          <ul class="error">
            {fieldErrors.map((error) => (
              <li key={`${error.field}-${error.message}`}>
                <code>{error.field.replace(/^policy\./u, '')}</code>
                {cl.t.colon}
                {error.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {reviewing ? (
        <Section id="p-review" title={w.review.title}>
          <PolicyDiffView before={view.active.policy} after={draft} testId="policy-diff" />
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <div class={`field${reasonMissing ? ' invalid' : ''}`}>
              <label for="p-reason">{w.review.reason}</label>
              <p class="hint" id="p-reason-hint">
                {w.review.reasonHint}
              </p>
              <textarea
                id="p-reason"
                rows={2}
                required
                aria-describedby={reasonMissing ? 'p-reason-hint p-reason-error' : 'p-reason-hint'}
                value={reason}
                onInput={(event) => {
                  setReason(event.currentTarget.value);
                  setReasonMissing(false);
                }}
              />
              {reasonMissing && (
                <p class="error" id="p-reason-error">
                  {w.review.reasonRequired}
                </p>
              )}
            </div>
            <button type="submit">{w.review.save}</button>{' '}
            <button type="button" class="secondary" onClick={() => setReviewing(false)}>
              {w.review.back}
            </button>
          </form>
        </Section>
      ) : (
        <div key={formKey}>
          <Section id="p-calendar" title={w.sections.calendar}>
            <CalendarYearsEditor {...sectionProps} />
          </Section>
          <Section id="p-departments" title={w.sections.departments}>
            <DepartmentsSection {...sectionProps} />
          </Section>
          <Section id="p-sla" title={w.sections.sla}>
            <SlaSection {...sectionProps} />
          </Section>
          <Section id="p-escalation" title={w.sections.escalation}>
            <EscalationSection {...sectionProps} />
          </Section>
          <Section id="p-kpi" title={w.sections.kpiTargets}>
            <KpiTargetsSection {...sectionProps} />
          </Section>
          <Section id="p-surge" title={w.sections.surge}>
            <SurgeSection {...sectionProps} />
          </Section>
          <Section id="p-approvals" title={w.sections.approvals}>
            <ApprovalsSection {...sectionProps} />
          </Section>
          <Section id="p-json" title={w.sections.json}>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                const text = (event.currentTarget.elements.namedItem('policy') as HTMLTextAreaElement).value;
                try {
                  replace(JSON.parse(text) as Policy);
                  setJsonError(undefined);
                } catch (error) {
                  setJsonError(w.json.invalid((error as Error).message));
                }
              }}
            >
              <div class={`field${jsonError ? ' invalid' : ''}`}>
                <label for="p-json-text">{w.json.label}</label>
                <p class="hint" id="p-json-hint">
                  {w.json.hint}
                </p>
                <textarea
                  key={revision}
                  id="p-json-text"
                  name="policy"
                  class="policy-json"
                  rows={16}
                  spellcheck={false}
                  readOnly={!canEdit}
                  aria-describedby={jsonError ? 'p-json-hint p-json-error' : 'p-json-hint'}
                  defaultValue={policyJson(draft)}
                />
                {jsonError && (
                  <p class="error" id="p-json-error">
                    {jsonError}
                  </p>
                )}
              </div>
              {canEdit && (
                <button type="submit" class="secondary">
                  {w.json.apply}
                </button>
              )}
            </form>
          </Section>
          {canEdit && (
            <p>
              <button type="button" onClick={() => setReviewing(true)}>
                {w.review.button}
              </button>{' '}
              <button type="button" class="secondary" onClick={() => replace(view.active.policy)}>
                {w.review.discard}
              </button>
            </p>
          )}
        </div>
      )}
      <Section id="p-history" title={w.sections.history}>
        <div class="table-wrap">
          <table class="dense" data-testid="policy-history">
            <thead>
              <tr>
                <th scope="col">{w.history.version}</th>
                <th scope="col">{w.history.at}</th>
                <th scope="col">{w.history.by}</th>
                <th scope="col">{w.history.reason}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {[view.active, ...view.history.filter((entry) => entry.version !== view.active.version)].map(
                (entry) => (
                  <tr key={entry.version}>
                    <th scope="row">
                      {entry.version}
                      {entry.version === view.active.version && ` ${w.history.activeMark}`}
                    </th>
                    <td>{cl.at(entry.createdAt)}</td>
                    <td>{entry.createdBy ?? cl.t.none}</td>
                    <td>{entry.reason}</td>
                    <td>
                      {entry.version !== view.active.version && (
                        <button
                          type="button"
                          class="link"
                          aria-label={`${w.history.compare} ${entry.version}`}
                          onClick={() => void compare(entry.version)}
                        >
                          {w.history.compare}
                        </button>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
        {compared && (
          <>
            <h3>{w.history.diffTitle(compared.version, view.active.version)}</h3>
            <PolicyDiffView before={compared.policy} after={view.active.policy} testId="version-diff" />
            <button type="button" class="secondary" onClick={() => setCompared(undefined)}>
              {w.history.close}
            </button>
          </>
        )}
      </Section>
    </>
  );
};
