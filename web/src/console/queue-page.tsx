import { useEffect, useRef, useState } from 'preact/hooks';
import type { QueueRow } from '../../../functions/domain/staff-view.ts';
import { SEVERITIES, STATUSES } from '../../../functions/domain/vocabulary.ts';
import type { Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import type { StaffSession } from './auth.ts';
import { useConsoleLocale } from './console-locale.ts';
import { useDirectory } from './directory.ts';
import { problemText } from './problem-text.ts';
import { AssistBadge, ContactProblemBadge, EscalationBadges } from './queue-badges.tsx';
import { apiQuery, filtersOf, hashOf, type QueueFilters, type QueueSort } from './queue-query.ts';
import { SavedViews } from './saved-views-panel.tsx';
import { staffApi } from './staff-api.ts';

const REFRESH_MS = 60_000;

/** Reloads every minute while the tab is visible; a hidden tab costs the API nothing. */
const useAutoRefresh = (enabled: boolean, refresh: () => void) => {
  const [hidden, setHidden] = useState(document.visibilityState === 'hidden');
  // The latest refresh (it closes over the current filters) without restarting the timer each render.
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    const update = () => {
      const nowHidden = document.visibilityState === 'hidden';
      setHidden(nowHidden);
      if (!nowHidden && enabled) latest.current(); // back on the tab: show what changed meanwhile
    };
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, [enabled]);
  useEffect(() => {
    if (!enabled || hidden) return;
    const timer = setInterval(() => latest.current(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [enabled, hidden]);
  return hidden;
};

const managesDepartments = (session: StaffSession) =>
  session.roles.some((role) => role === 'manager' || role === 'admin');

export const QueuePage = ({ query, session }: { query: URLSearchParams; session: StaffSession }) => {
  const cl = useConsoleLocale();
  const { t, label } = cl;
  const names = useDirectory(cl.locale);
  const filters = filtersOf(query);
  const [rows, setRows] = useState<QueueRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [loading, setLoading] = useState(true);
  const [loadedAt, setLoadedAt] = useState<string | undefined>();
  const [autoRefresh, setAutoRefresh] = useState(true);
  const queryText = query.toString();

  const load = async (after?: string) => {
    setLoading(true);
    const params = apiQuery(filters, after);
    const result = await staffApi<{ items: QueueRow[]; nextCursor: string | null }>(
      `/v1/staff/complaints?${params}`,
    );
    setLoading(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setLoadedAt(new Date().toISOString());
    setRows((previous) => (after ? [...previous, ...result.body.items] : result.body.items));
    setCursor(result.body.nextCursor);
  };
  useEffect(() => void load(), [queryText]);
  const hidden = useAutoRefresh(autoRefresh, () => void load());

  const go = (next: Partial<QueueFilters>) => (location.hash = hashOf({ ...filters, ...next }));
  const applyFilters = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => {
      const entry = data.get(name);
      return typeof entry === 'string' ? entry : '';
    };
    go({
      state: value('state') || 'open',
      status: value('status') || 'any',
      severity: value('severity'),
      department: value('department'),
      q: value('q').trim(),
      overdue: data.get('overdue') === 'true',
    });
  };

  // The API filters and sorts; pages arrive in order, so the rows are shown as loaded.
  const shown = rows;
  const SortHeader = ({ sort, text }: { sort: QueueSort; text: string }) => {
    const active = filters.sort === sort;
    return (
      <th scope="col" aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button
          type="button"
          class="link sort"
          title={t.queue.sortBy(text)}
          onClick={() => go({ sort, order: active && filters.order === 'asc' ? 'desc' : 'asc' })}
        >
          {text}
          {active ? (filters.order === 'asc' ? ' ▲' : ' ▼') : ''}
        </button>
      </th>
    );
  };
  const select = (name: string, text: string, value: string, options: [string, string][]) => (
    <div class="field">
      <label for={`q-${name}`}>{text}</label>
      <select id={`q-${name}`} name={name}>
        {options.map(([code, words]) => (
          <option key={code} value={code} selected={code === value}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );
  const c = t.queue.columns;

  return (
    <>
      <h1>{t.queue.title}</h1>
      <div class="scopes" role="group" aria-label={t.queue.scope}>
        {(['mine', 'unassigned', 'all'] as const).map((scope) => (
          <button
            key={scope}
            type="button"
            class={filters.scope === scope ? '' : 'secondary'}
            aria-pressed={filters.scope === scope}
            onClick={() => go({ scope })}
          >
            {t.queue[scope]}
          </button>
        ))}
      </div>
      {/*
        Uncontrolled fields (defaults, selected options): a re-render while someone types (a load
        finishing, the auto-refresh) must not put back the applied filters over what they typed. The
        key makes the form anew, with the applied filters, when the query itself changes.
      */}
      <form class="filters" onSubmit={applyFilters} aria-label={t.queue.filters} key={queryText}>
        <div class="field wide">
          <label for="q-q">{t.queue.search}</label>
          <input id="q-q" name="q" type="search" defaultValue={filters.q} aria-describedby="q-q-note" />
          <small id="q-q-note">{t.queue.searchNote}</small>
        </div>
        {select('state', t.queue.state, filters.state, [
          ['open', t.queue.states.open!],
          ['done', t.queue.states.done!],
          ['any', t.queue.states.any!],
        ])}
        {select('status', t.queue.status, filters.status, [
          ['any', t.queue.any],
          ...STATUSES.map((status): [string, string] => [status, label('status', status)]),
        ])}
        {select('severity', t.queue.severity, filters.severity, [
          ['', t.queue.any],
          ...SEVERITIES.map((severity): [string, string] => [severity, label('severity', severity)]),
        ])}
        {managesDepartments(session) &&
          select('department', t.queue.department, filters.department, [
            ['', t.queue.any],
            ...names.directory.departments.map((department): [string, string] => [
              department.id,
              department.name[cl.locale],
            ]),
            ...(filters.department && !names.directory.departments.some((d) => d.id === filters.department)
              ? [[filters.department, filters.department] as [string, string]]
              : []),
          ])}
        <div class="field check">
          <input
            id="q-overdue"
            name="overdue"
            type="checkbox"
            value="true"
            defaultChecked={filters.overdue}
          />
          <label for="q-overdue">{t.queue.overdueOnly}</label>
        </div>
        <button type="submit">{t.queue.apply}</button>
      </form>
      <SavedViews query={queryText} />
      {problem && <Alert kind="error">{problemText(problem, cl)}</Alert>}
      <div class="queue-status">
        <p role="status">{loading ? t.loading : t.queue.count(shown.length)}</p>
        <p>
          {loadedAt && t.queue.updatedAt(cl.at(loadedAt))} {hidden && autoRefresh && `· ${t.queue.paused}`}
        </p>
        <div class="field check">
          <input
            id="q-auto"
            type="checkbox"
            checked={autoRefresh}
            onChange={(event) => setAutoRefresh(event.currentTarget.checked)}
          />
          <label for="q-auto">{t.queue.autoRefresh}</label>
        </div>
        <button type="button" class="secondary" onClick={() => void load()}>
          {t.queue.refresh}
        </button>
      </div>
      <div class="table-wrap">
        <table class="dense" data-testid="queue">
          <thead>
            <tr>
              <th scope="col">{c.reference}</th>
              <th scope="col">{c.subject}</th>
              <th scope="col">{c.customer}</th>
              <th scope="col">{c.status}</th>
              <th scope="col">{c.severity}</th>
              <SortHeader sort="priority" text={c.priority} />
              <th scope="col">{c.department}</th>
              <th scope="col">{c.assignee}</th>
              <SortHeader sort="submitted" text={c.submittedAt} />
              <SortHeader sort="due" text={c.dueAt} />
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.id} data-reference={row.reference} class={row.overdue ? 'overdue' : undefined}>
                <td>
                  <a href={`#/case/${row.id}`}>{row.reference}</a> <AssistBadge assistId={row.assistId} />
                </td>
                <td>{row.subject}</td>
                <td>{row.customer.name}</td>
                <td>{label('status', row.status)}</td>
                <td>{label('severity', row.severity)}</td>
                <td>{label('priority', row.priority)}</td>
                <td>{names.department(row.department)}</td>
                <td>{row.assignee ? names.person(row.assignee) : t.unassigned}</td>
                <td>{cl.at(row.submittedAt)}</td>
                <td>
                  {row.overdue ? '' : cl.remaining(row.remainingMs)}{' '}
                  <EscalationBadges overdue={row.overdue} level={row.escalationLevel} />{' '}
                  <ContactProblemBadge problem={row.contactProblem} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && shown.length === 0 && <p>{t.queue.empty}</p>}
      {cursor && (
        <button type="button" class="secondary" onClick={() => void load(cursor)}>
          {t.queue.loadMore}
        </button>
      )}
    </>
  );
};
