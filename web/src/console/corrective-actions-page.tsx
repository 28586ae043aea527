import { useEffect, useState } from 'preact/hooks';
import type {
  CorrectiveActionListView,
  CorrectiveActionRowView,
} from '../../../functions/domain/corrective-action-view.ts';
import { CORRECTIVE_ACTION_STATUSES } from '../../../functions/domain/vocabulary.ts';
import type { Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import type { StaffSession } from './auth.ts';
import { useConsoleLocale } from './console-locale.ts';
import { useDirectory } from './directory.ts';
import { problemText } from './problem-text.ts';
import { staffApi } from './staff-api.ts';

/** Supervisors and above may list every department's actions (the route's own rule). */
const mayChooseDepartment = (session: StaffSession) =>
  session.roles.some((role) => role === 'supervisor' || role === 'manager' || role === 'admin');

/**
 * #/corrective-actions — corrective actions by due date, not done ones unless a status is chosen;
 * overdue ones badged. Each row links to its case, where the owner updates it.
 */
export const CorrectiveActionsPage = ({ session }: { session: StaffSession }) => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const names = useDirectory(cl.locale);
  const [filters, setFilters] = useState({ status: '', department: '' });
  const [rows, setRows] = useState<CorrectiveActionRowView[] | undefined>();
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | undefined>();
  const load = async (cursor: string | null) => {
    const query = new URLSearchParams({ limit: '50' });
    if (filters.status) query.set('status', filters.status);
    if (filters.department) query.set('department', filters.department);
    if (cursor) query.set('cursor', cursor);
    const result = await staffApi<CorrectiveActionListView>(
      `/v1/staff/corrective-actions?${query.toString()}`,
    );
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setRows((previous) => [...(cursor ? (previous ?? []) : []), ...result.body.items]);
    setNext(result.body.nextCursor);
  };
  useEffect(() => void load(null), [filters]);
  return (
    <>
      <h1>{t.correctiveActions.title}</h1>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          const text = (name: string) => {
            const value = data.get(name);
            return typeof value === 'string' ? value : '';
          };
          setFilters({ status: text('status'), department: text('department') });
        }}
      >
        <label>
          {t.correctiveActions.filterStatus}
          <select name="status" defaultValue={filters.status}>
            <option value="">{t.correctiveActions.notDone}</option>
            {CORRECTIVE_ACTION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {cl.label('correctiveActionStatus', status)}
              </option>
            ))}
          </select>
        </label>
        {mayChooseDepartment(session) && (
          <label>
            {t.correctiveActions.filterDepartment}
            <select name="department" defaultValue={filters.department}>
              <option value="">{t.correctiveActions.allDepartments}</option>
              {names.directory.departments.map((department) => (
                <option key={department.id} value={department.id}>
                  {department.name[cl.locale]}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit">{t.correctiveActions.show}</button>
      </form>
      {problem && <Alert kind="error">{problemText(problem, cl)}</Alert>}
      {!rows ? (
        !problem && <p role="status">{t.loading}</p>
      ) : rows.length === 0 ? (
        <p>{t.correctiveActions.empty}</p>
      ) : (
        <table class="queue" data-testid="corrective-action-list">
          <thead>
            <tr>
              <th scope="col">{t.correctiveActions.case}</th>
              <th scope="col">{t.correctiveActions.action}</th>
              <th scope="col">{t.correctiveActions.rootCause}</th>
              <th scope="col">{t.correctiveActions.owner}</th>
              <th scope="col">{t.correctiveActions.due}</th>
              <th scope="col">{t.correctiveActions.status}</th>
              <th scope="col">{t.correctiveActions.department}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.complaintId} class={row.overdue ? 'overdue' : undefined}>
                <td>
                  <a href={`#/case/${encodeURIComponent(row.complaintId)}`}>{row.reference}</a>
                </td>
                <td>{row.description}</td>
                <td>{row.rootCause ? cl.label('rootCause', row.rootCause) : t.none}</td>
                <td>{row.ownerName}</td>
                <td>
                  {row.dueDate}
                  {row.overdue && (
                    <>
                      {' '}
                      <span class="badge overdue">{t.correctiveActions.overdue}</span>
                    </>
                  )}
                </td>
                <td>
                  <span class="badge">{cl.label('correctiveActionStatus', row.status)}</span>
                </td>
                <td>{names.department(row.department)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void load(next)}>
          {t.correctiveActions.more}
        </button>
      )}
    </>
  );
};
