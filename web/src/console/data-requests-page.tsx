import { useEffect, useState } from 'preact/hooks';
import type { DataRequestList, DataRequestView } from '../../../functions/domain/data-subject-request.ts';
import type { Problem } from '../shared/api.ts';
import { jsonInit } from '../shared/api.ts';
import { Alert } from '../shared/field.tsx';
import { useConsoleLocale } from './console-locale.ts';
import { dataRequestsEn, type DataRequestsMessages } from './data-request-messages-en.ts';
import { dataRequestsZhCN } from './data-request-messages-zh-CN.ts';
import { problemText } from './problem-text.ts';
import { staffApi } from './staff-api.ts';

/** The page's words in the console's language. */
export const dataRequestWords = (locale: string): DataRequestsMessages =>
  locale === 'en' ? dataRequestsEn : dataRequestsZhCN;

/** Open requests wait for staff: received (not yet carried out) or blocked (some complaints kept). */
const isOpen = (request: DataRequestView) => request.status === 'received' || request.status === 'blocked';

const Outcome = ({ request }: { request: DataRequestView }) => {
  const cl = useConsoleLocale();
  const w = dataRequestWords(cl.locale);
  if (request.refusal) return <>{w.refusedBecause(request.refusal.reason)}</>;
  if (request.export) return <>{w.exported(request.export.complaints, request.export.files)}</>;
  if (request.erasure)
    return (
      <>
        {request.erasure.erased.length > 0 && (
          <div>{w.erased(request.erasure.erased.join(cl.t.listSeparator))}</div>
        )}
        {request.erasure.kept.map((kept) => (
          <div key={kept.reference}>
            {w.kept} {kept.reference}
            {cl.t.paren(cl.label('erasureBlock', kept.reason))}
          </div>
        ))}
      </>
    );
  return <>{cl.t.none}</>;
};

/** Carry out, or refuse with a reason the customer is mailed (the API's rule: managers and admins). */
const Decide = ({ request, decided }: { request: DataRequestView; decided: (problem?: Problem) => void }) => {
  const cl = useConsoleLocale();
  const w = dataRequestWords(cl.locale);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = async (body: object) => {
    setBusy(true);
    const result = await staffApi(
      `/v1/staff/data-requests/${encodeURIComponent(request.id)}/actions`,
      jsonInit('POST', body),
    );
    setBusy(false);
    decided(result.ok ? undefined : result.problem);
  };
  if (!refusing)
    return (
      <>
        <button type="button" disabled={busy} onClick={() => void act({ action: 'fulfil' })}>
          {w.fulfil}
        </button>{' '}
        <button type="button" class="secondary" onClick={() => setRefusing(true)}>
          {w.refuse}
        </button>
      </>
    );
  const fieldId = `refuse-${request.id}`;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') return setMissing(true);
        void act({ action: 'refuse', reason: reason.trim() });
      }}
    >
      <label for={fieldId}>{w.refuseReason}</label>
      <textarea
        id={fieldId}
        value={reason}
        aria-invalid={missing}
        aria-describedby={missing ? `${fieldId}-error` : undefined}
        onInput={(event) => setReason(event.currentTarget.value)}
      />
      {missing && (
        <p class="error" id={`${fieldId}-error`}>
          {w.reasonRequired}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {w.refuseSend}
      </button>{' '}
      <button type="button" class="secondary" onClick={() => setRefusing(false)}>
        {w.cancel}
      </button>
    </form>
  );
};

/**
 * #/data-requests — data-subject requests (managers and admins): newest first with their deadline
 * (overdue ones flagged), status and outcome; open ones can be carried out again or refused.
 */
export const DataRequestsPage = () => {
  const cl = useConsoleLocale();
  const { t } = cl;
  const w = dataRequestWords(cl.locale);
  const [openOnly, setOpenOnly] = useState(false);
  const [items, setItems] = useState<DataRequestView[] | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState(false);
  const load = async () => {
    const result = await staffApi<DataRequestList>('/v1/staff/data-requests');
    if (!result.ok) return setProblem(result.problem);
    setItems(result.body.items);
  };
  useEffect(() => void load(), []);
  const decided = (refused?: Problem) => {
    setProblem(refused);
    setDone(!refused);
    void load();
  };
  const shown = (items ?? []).filter((request) => !openOnly || isOpen(request));
  return (
    <>
      <h1>{w.title}</h1>
      <p>{w.intro}</p>
      <label>
        <input
          type="checkbox"
          checked={openOnly}
          onChange={(event) => setOpenOnly(event.currentTarget.checked)}
        />{' '}
        {w.openOnly}
      </label>
      {problem && <Alert kind="error">{problemText(problem, cl)}</Alert>}
      {done && <Alert kind="success">{w.done}</Alert>}
      {!items ? (
        !problem && <p role="status">{t.loading}</p>
      ) : shown.length === 0 ? (
        <p>{w.empty}</p>
      ) : (
        <table class="queue" data-testid="data-request-list">
          <thead>
            <tr>
              <th scope="col">{w.received}</th>
              <th scope="col">{w.kind}</th>
              <th scope="col">{w.email}</th>
              <th scope="col">{w.due}</th>
              <th scope="col">{w.status}</th>
              <th scope="col">{w.outcome}</th>
              <th scope="col">{w.actions}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((request) => (
              <tr
                key={request.id}
                data-request-id={request.id}
                class={request.overdue ? 'overdue' : undefined}
              >
                <td>{cl.at(request.receivedAt)}</td>
                <td>{cl.label('dataRequestKind', request.kind)}</td>
                <td>{request.email}</td>
                <td>
                  {cl.at(request.dueAt)}
                  {request.overdue && (
                    <>
                      {' '}
                      <span class="badge overdue">{w.overdue}</span>
                    </>
                  )}
                </td>
                <td>
                  <span class="badge" data-status={request.status}>
                    {cl.label('dataRequestStatus', request.status)}
                  </span>
                </td>
                <td>
                  <Outcome request={request} />
                </td>
                <td>{isOpen(request) ? <Decide request={request} decided={decided} /> : t.none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
};
