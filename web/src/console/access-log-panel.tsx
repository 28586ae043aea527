import { useState } from 'preact/hooks';
import type { AccessLogView } from '../../../functions/domain/access-log.ts';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import type { Problem } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import type { StaffSession } from './auth.ts';
import { mayReadAccessLog } from './case-privacy-rights.ts';
import { useConsoleLocale } from './console-locale.ts';
import { problemText } from './problem-text.ts';
import { staffApi } from './staff-api.ts';

const PAGE_SIZE = 20;

/**
 * 访问记录 / Access log: who read the case or downloaded its files, newest first, a page at a time.
 * Loaded when opened, not with the case: most visits never look, and the list can be long.
 */
export const AccessLogPanel = ({
  detail,
  session,
}: {
  detail: Pick<CaseDetail, 'id' | 'department' | 'attachments'>;
  session: StaffSession;
}) => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const [items, setItems] = useState<AccessLogView['items'] | undefined>();
  const [next, setNext] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [busy, setBusy] = useState(false);
  if (!mayReadAccessLog(session, detail.department)) return null;

  const load = async (cursor: string | null) => {
    setBusy(true);
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (cursor) query.set('cursor', cursor);
    const result = await staffApi<AccessLogView>(
      `/v1/staff/complaints/${encodeURIComponent(detail.id)}/access-log?${query.toString()}`,
    );
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setItems((previous) => [...(cursor ? (previous ?? []) : []), ...result.body.items]);
    setNext(result.body.nextCursor);
  };
  const fileName = (attachmentId: string | undefined) =>
    detail.attachments.find((attachment) => attachment.id === attachmentId)?.fileName ?? attachmentId;

  return (
    <section class="access-log" aria-labelledby="access-log-title" data-testid="access-log">
      <details
        onToggle={(event) => {
          if (event.currentTarget.open && items === undefined) void load(null);
        }}
      >
        <summary>
          <h2 id="access-log-title">{t.accessLog.title}</h2>
        </summary>
        <p class="hint">{t.accessLog.hint}</p>
        {problem && <Alert kind="error">{problemText(problem, cl)}</Alert>}
        {items === undefined ? (
          !problem && <p role="status">{t.loading}</p>
        ) : items.length === 0 ? (
          <p>{t.accessLog.empty}</p>
        ) : (
          <table class="queue">
            <thead>
              <tr>
                <th scope="col">{t.accessLog.when}</th>
                <th scope="col">{t.accessLog.who}</th>
                <th scope="col">{t.accessLog.role}</th>
                <th scope="col">{t.accessLog.what}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, index) => (
                <tr key={`${item.at}-${index}`} data-kind={item.kind}>
                  <td>{cl.at(item.at)}</td>
                  <td title={item.by}>{item.byName ?? item.by}</td>
                  <td>{item.roles.map((role) => cl.label('role', role)).join(t.listSeparator)}</td>
                  <td>
                    {cl.label('accessKind', item.kind)}
                    {item.attachmentId && t.paren(fileName(item.attachmentId) ?? '')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && (
          <button type="button" class="secondary" disabled={busy} onClick={() => void load(next)}>
            {t.accessLog.more}
          </button>
        )}
      </details>
    </section>
  );
};
