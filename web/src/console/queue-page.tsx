import { useEffect, useState } from 'preact/hooks';
import type { ContactProblemView, QueueRow } from '../../../functions/domain/staff-view.ts';
import { SEVERITIES, STATUSES } from '../../../functions/domain/vocabulary.ts';
import type { Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { initialLocale, messagesFor } from '../shared/i18n.ts';
import { countdown, staffApi } from './staff-api.ts';

const FILTERS = [
  'state',
  'status',
  'severity',
  'department',
  'assignee',
  'escalationLevel',
  'reference',
  'overdue',
] as const;

/** The queue ticks its countdowns every 30 s without reloading. */
const useNow = (intervalMs = 30_000) => {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, []);
  return now;
};

export const EscalationBadges = ({ overdue, level }: { overdue: boolean; level: number }) => (
  <>
    {overdue && <span class="badge overdue">Overdue</span>}{' '}
    {level > 0 && <span class="badge escalated">Escalated L{level}</span>}
  </>
);

/** The customer's email does not reach them (bounced or reported as spam): phone them instead. */
export const ContactProblemBadge = ({ problem }: { problem: ContactProblemView | null }) => {
  if (!problem) return null;
  const t = messagesFor(initialLocale()).staff;
  return (
    <span class="badge overdue" data-testid="contact-problem" title={t.contactProblem[problem.kind]}>
      {t.contactByPhone}
    </span>
  );
};

export const QueuePage = ({ query }: { query: URLSearchParams }) => {
  const now = useNow();
  const [rows, setRows] = useState<QueueRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [loading, setLoading] = useState(true);
  const queryText = query.toString();

  const load = async (after?: string) => {
    setLoading(true);
    const params = new URLSearchParams(query);
    if (after) params.set('cursor', after);
    const result = await staffApi<{ items: QueueRow[]; nextCursor: string | null }>(
      `/v1/staff/complaints?${params}`,
    );
    setLoading(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setRows((previous) => (after ? [...previous, ...result.body.items] : result.body.items));
    setCursor(result.body.nextCursor);
  };
  useEffect(() => void load(), [queryText]);

  const applyFilters = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = data.get(name);
      if (typeof value === 'string' && value !== '') params.set(name, value);
    }
    location.hash = `#/queue?${params}`;
  };

  const select = (name: string, label: string, options: readonly string[]) => (
    <div class="field">
      <label for={`q-${name}`}>{label}</label>
      <select id={`q-${name}`} name={name} value={query.get(name) ?? ''}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
  const input = (name: string, label: string) => (
    <div class="field">
      <label for={`q-${name}`}>{label}</label>
      <input id={`q-${name}`} name={name} type="text" value={query.get(name) ?? ''} />
    </div>
  );

  return (
    <>
      <h1>Work queue</h1>
      <form class="filters" onSubmit={applyFilters} aria-label="Filters">
        {select('state', 'State', ['open', 'done'])}
        {select('status', 'Status', STATUSES)}
        {select('severity', 'Severity', SEVERITIES)}
        {input('department', 'Department')}
        {input('assignee', 'Assignee')}
        {select('escalationLevel', 'Escalation at least', ['1', '2', '3'])}
        {input('reference', 'Reference contains')}
        <div class="field check">
          <input
            id="q-overdue"
            name="overdue"
            type="checkbox"
            value="true"
            checked={query.get('overdue') === 'true'}
          />
          <label for="q-overdue">Overdue only</label>
        </div>
        <button type="submit">Apply</button>
      </form>
      {problem && (
        <Alert kind="error">
          {problem.detail ?? problem.title} ({problem.status})
        </Alert>
      )}
      <p role="status">
        {loading ? 'Loading…' : `${rows.length} complaint${rows.length === 1 ? '' : 's'}, by next due time`}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Severity / priority</th>
              <th scope="col">Department / assignee</th>
              <th scope="col">Due in</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-reference={row.reference}>
                <td>
                  <a href={`#/case/${row.id}`}>{row.reference}</a>
                </td>
                <td>{row.subject}</td>
                <td>{row.status}</td>
                <td>
                  {row.severity ?? '—'} / {row.priority ?? '—'}
                </td>
                <td>
                  {row.department ?? '—'} / {row.assignee ?? '—'}
                </td>
                <td>
                  {countdown(row.nextDueAt, now)}{' '}
                  <EscalationBadges overdue={row.overdue} level={row.escalationLevel} />{' '}
                  <ContactProblemBadge problem={row.contactProblem} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cursor && (
        <button type="button" class="secondary" onClick={() => void load(cursor)}>
          Load more
        </button>
      )}
    </>
  );
};
