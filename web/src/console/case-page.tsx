import { useEffect, useState } from 'preact/hooks';
import type { CaseClock, CaseDetail } from '../../../functions/domain/staff-view.ts';
import { errorsByField, jsonInit, type Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { ACTION_FORMS, actionBody } from './action-forms.ts';
import type { StaffSession } from './auth.ts';
import { initialLocale, messagesFor } from '../shared/i18n.ts';
import { ContactProblemBadge, EscalationBadges } from './queue-page.tsx';
import { countdown, staffApi } from './staff-api.ts';

const at = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '—');

/** What a refused action means for the person who tried it. */
const explain = (problem: Problem): string => {
  if (problem.status === 409)
    return `Conflict: someone changed this case since you loaded it. ${problem.detail ?? ''} Reload the case, check the change, then try again.`;
  if (problem.status === 422)
    return `Not allowed now: ${problem.detail ?? problem.title}. Allowed in this status: ${(problem.allowed ?? []).join(', ') || 'none'}.`;
  if (problem.status === 403) return `Not permitted: ${problem.detail ?? problem.title}`;
  if (problem.status === 0) return 'The API cannot be reached.';
  return `${problem.title}${problem.detail ? `: ${problem.detail}` : ''} (${problem.status})`;
};

const ClockRow = ({ name, clock, now }: { name: string; clock: CaseClock; now: number }) => (
  <tr>
    <th scope="row">{name}</th>
    <td>{clock ? at(clock.dueAt) : '—'}</td>
    <td>
      {!clock
        ? '—'
        : clock.completedAt
          ? `done ${at(clock.completedAt)} (${clock.onTime ? 'on time' : 'late'})`
          : clock.paused
            ? 'paused (waiting for the customer)'
            : countdown(clock.dueAt, now)}{' '}
      {clock?.breachedAt && <span class="badge overdue">Breached</span>}
      {clock?.provisionalCalendar && (
        <span class="badge escalated">{messagesFor(initialLocale()).staff.provisionalDeadline}</span>
      )}
    </td>
    <td>{clock?.rule ?? ''}</td>
  </tr>
);

const ActionPanel = ({
  type,
  detail,
  initial,
  onDone,
}: {
  type: string;
  detail: CaseDetail;
  initial: Record<string, string>;
  onDone: (updated: CaseDetail) => void;
}) => {
  const form = ACTION_FORMS[type];
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  if (!form) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await staffApi<CaseDetail>(
      `/v1/staff/complaints/${encodeURIComponent(detail.id)}/actions`,
      jsonInit('POST', actionBody(type, detail.version, values)),
    );
    setBusy(false);
    if (result.ok) {
      setValues({});
      setErrors({});
      setProblem(undefined);
      return onDone(result.body);
    }
    setErrors(errorsByField(result.problem.errors));
    setProblem(explain(result.problem));
  };
  return (
    <details data-action={type}>
      <summary>{form.label}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {problem && <Alert kind="error">{problem}</Alert>}
        {form.fields.map((field) => {
          const id = `${type}-${field.name}`;
          const common = {
            id,
            name: field.name,
            value: values[field.name] ?? '',
            'aria-invalid': Boolean(errors[field.name]),
            'aria-describedby': errors[field.name] ? `${id}-error` : undefined,
            onInput: (event: Event) =>
              setValues({ ...values, [field.name]: (event.currentTarget as HTMLInputElement).value }),
          };
          return (
            <div class={`field${errors[field.name] ? ' invalid' : ''}`} key={field.name}>
              <label for={id}>
                {field.label}
                {field.optional ? ' (optional)' : ''}
              </label>
              {field.kind === 'textarea' ? (
                <textarea {...common} />
              ) : field.kind === 'select' ? (
                <select
                  {...common}
                  value={values[field.name] ?? field.options?.[0]}
                  onChange={common.onInput}
                >
                  {field.options?.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              ) : field.kind === 'datetime' ? (
                <input {...common} type="datetime-local" />
              ) : field.kind === 'amount' ? (
                <input {...common} type="number" step="0.01" min="0" />
              ) : (
                <input {...common} type="text" />
              )}
              {errors[field.name] && (
                <p class="error" id={`${id}-error`}>
                  {errors[field.name]}
                </p>
              )}
            </div>
          );
        })}
        <button type="submit" disabled={busy}>
          {form.label}
        </button>
      </form>
    </details>
  );
};

export const CasePage = ({ id, session }: { id: string; session: StaffSession }) => {
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [now, setNow] = useState(Date.now());
  const load = async () => {
    const result = await staffApi<CaseDetail>(`/v1/staff/complaints/${encodeURIComponent(id)}`);
    setNow(Date.now());
    if (result.ok) setDetail(result.body);
    else setProblem(result.problem);
  };
  useEffect(() => void load(), [id]);

  if (problem) return <Alert kind="error">{explain(problem)}</Alert>;
  if (!detail) return <p role="status">Loading…</p>;
  const staffText = messagesFor(initialLocale()).staff;
  const overdue = [detail.sla.firstResponse, detail.sla.resolution].some(
    (clock) => clock && !clock.completedAt && !clock.paused && Date.parse(clock.dueAt) < now,
  );

  return (
    <>
      <p>
        <a href="#/queue">← Queue</a>
      </p>
      <h1>
        {detail.reference} <EscalationBadges overdue={overdue} level={detail.sla.escalationLevel} />
      </h1>
      {notice && <Alert kind="success">{notice}</Alert>}
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <strong data-testid="case-status" data-status={detail.status} data-version={detail.version}>
            {detail.status}
          </strong>{' '}
          (version {detail.version})
        </dd>
        <dt>Subject</dt>
        <dd>{detail.subject}</dd>
        <dt>Description</dt>
        <dd style="white-space: pre-wrap">{detail.description}</dd>
        <dt>Customer</dt>
        <dd>
          {detail.customer.name} · {detail.customer.email}
          {detail.customer.phone ? ` · ${detail.customer.phone}` : ''} · {detail.customer.locale}
        </dd>
        {detail.contactProblem && (
          <>
            <dt>{staffText.contactProblemLabel}</dt>
            <dd>
              <ContactProblemBadge problem={detail.contactProblem} />{' '}
              {staffText.contactProblemDetail(
                staffText.contactProblem[detail.contactProblem.kind] ?? detail.contactProblem.kind,
                detail.contactProblem.mailKind,
                at(detail.contactProblem.at),
              )}
            </dd>
          </>
        )}
        <dt>Channel</dt>
        <dd>{detail.channel}</dd>
        <dt>Grade</dt>
        <dd>
          {detail.category ?? '—'} · {detail.severity ?? '—'} · {detail.urgency ?? '—'} ·{' '}
          {detail.priority ?? '—'}
        </dd>
        <dt>Department / assignee</dt>
        <dd>
          {detail.department ?? '—'} / {detail.assignee ?? '—'}
        </dd>
        {detail.product && (
          <>
            <dt>Product</dt>
            <dd>{detail.product}</dd>
          </>
        )}
        {detail.orderRef && (
          <>
            <dt>Order</dt>
            <dd>{detail.orderRef}</dd>
          </>
        )}
        {detail.desiredOutcome && (
          <>
            <dt>Wants</dt>
            <dd>{detail.desiredOutcome}</dd>
          </>
        )}
        <dt>Submitted</dt>
        <dd>{at(detail.submittedAt)}</dd>
        {detail.relatedComplaints.length > 0 && (
          <>
            <dt>Related</dt>
            <dd>
              {detail.relatedComplaints.map((related) => (
                <a key={related} href={`#/case/${related}`}>
                  {related}{' '}
                </a>
              ))}
            </dd>
          </>
        )}
        {detail.pendingMail.length > 0 && (
          <>
            <dt>Mail not yet sent</dt>
            <dd>{detail.pendingMail.map((mail) => mail.kind).join(', ')}</dd>
          </>
        )}
      </dl>
      <h2>SLA</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Due</th>
              <th scope="col">Remaining</th>
              <th scope="col">Rule</th>
            </tr>
          </thead>
          <tbody>
            <ClockRow name="First response" clock={detail.sla.firstResponse} now={now} />
            <ClockRow name="Resolution" clock={detail.sla.resolution} now={now} />
          </tbody>
        </table>
      </div>
      <h2>Actions</h2>
      <div class="actions">
        {detail.allowedActions.length === 0 && <p>No action is possible in this status.</p>}
        {detail.allowedActions.map((type) => (
          <ActionPanel
            key={`${type}-${detail.version}`}
            type={type}
            detail={detail}
            // Agents may only assign to themselves, so that is the useful default.
            initial={type === 'assign' ? { assignee: session.subject } : {}}
            onDone={(updated) => {
              setDetail(updated);
              setNow(Date.now());
              setNotice(`${ACTION_FORMS[type]?.label ?? type}: done.`);
            }}
          />
        ))}
        <button type="button" class="secondary" onClick={() => void load()}>
          Reload case
        </button>
      </div>
      <h2>Internal notes</h2>
      {detail.notes.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {detail.notes.map((note) => (
            <li key={note.at}>
              <time dateTime={note.at}>{at(note.at)}</time> {note.by ?? ''}: {note.text}
            </li>
          ))}
        </ul>
      )}
      <h2>Timeline</h2>
      <ol class="timeline">
        {detail.timeline.toReversed().map((event) => (
          <li key={event.eventId}>
            <time dateTime={event.at}>{at(event.at)}</time>
            {event.type} — {event.actor.kind}
            {event.actor.id ? ` ${event.actor.id}` : ''}
            {event.customerVisible ? ' (customer sees this)' : ''}
          </li>
        ))}
      </ol>
    </>
  );
};
