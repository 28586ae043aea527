import { useEffect, useState } from 'preact/hooks';
import type { CustomerView } from '../../../functions/domain/customer-view.ts';
import { CUSTOMER_REJECTION_REASON } from '../../../functions/domain/customer-labels.ts';
import { labelOf } from '../../../functions/domain/labels.ts';
import { callApi, jsonInit, type Problem } from '../shared/api.ts';
import { Alert, Field } from '../shared/field.tsx';
import { formatDateTime } from '../shared/i18n.ts';
import { localizeFieldError } from './field-messages.ts';
import { useLocale } from '../shared/page.tsx';
import { FindComplaint } from './find-complaint.tsx';
import { TrackingDataRequests } from './tracking-data-requests.tsx';
import { TrackingEvidence } from './tracking-evidence.tsx';

const OPEN_FOR_MESSAGES = new Set(['awaiting-customer']);

/**
 * The link in our emails: /track/?id=<complaint id>#token=<tracking token>. Links mailed earlier
 * carry the token in the query (`&token=`); the page moves it into the fragment of the address, so
 * it leaves the browser history's query and the Referer of anything the page loads. The token goes
 * to the API only in the `x-tracking-token` header.
 */
const linkParameters = () => {
  const query = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.slice(1));
  const id = query.get('id') ?? '';
  const token = fragment.get('token') ?? query.get('token') ?? '';
  if (query.has('token') && id && token) {
    query.delete('token');
    history.replaceState(null, '', `?${query.toString()}#token=${encodeURIComponent(token)}`);
  }
  return { id, token };
};

export const TrackingPage = () => {
  const { t, locale } = useLocale();
  const [{ id, token }] = useState(linkParameters);
  const [view, setView] = useState<CustomerView | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  const [message, setMessage] = useState('');
  const [replyError, setReplyError] = useState<string | undefined>();
  const [sent, setSent] = useState<'reply' | 'reopen' | undefined>();
  const [disagreement, setDisagreement] = useState('');
  const [respondError, setRespondError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const result = await callApi<CustomerView>(`/v1/complaints/${encodeURIComponent(id)}`, {
      headers: { 'x-tracking-token': token },
    });
    if (result.ok) setView(result.body);
    else setProblem(result.problem);
  };
  useEffect(() => {
    if (id && token) void load();
  }, []);

  /** Posts the customer's words; `reopen` when they disagree with our resolution. */
  const post = async (text: string, reopen: boolean, fail: (message: string) => void) => {
    if (text.trim() === '') return fail(t.track.emptyMessage);
    setBusy(true);
    const result = await callApi(
      `/v1/complaints/${encodeURIComponent(id)}/messages`,
      jsonInit('POST', reopen ? { message: text, reopen } : { message: text }, { 'x-tracking-token': token }),
    );
    setBusy(false);
    if (result.ok) {
      setSent(reopen ? 'reopen' : 'reply');
      setMessage('');
      setDisagreement('');
      fail('');
      return load();
    }
    const { problem: refused } = result;
    if (refused.status === 409 || refused.status === 422) {
      fail(reopen ? t.track.respondOver : t.track.closedForReplies);
      return load();
    }
    fail(
      refused.status === 0
        ? t.networkError
        : refused.status === 400
          ? localizeFieldError(locale, refused.errors?.[0] ?? { field: 'message', message: '' })
          : `${t.unexpected} (${refused.status})`,
    );
  };
  const reply = (event: Event) => {
    event.preventDefault();
    return post(message, false, (text) => setReplyError(text || undefined));
  };
  const respond = (event: Event) => {
    event.preventDefault();
    return post(disagreement, true, (text) => setRespondError(text || undefined));
  };

  if (!id || !token) {
    return (
      <>
        {(id || token) && <Alert kind="error">{t.track.missing}</Alert>}
        <FindComplaint />
      </>
    );
  }
  if (problem) {
    return (
      <>
        <Alert kind="error">
          {problem.status === 404
            ? t.track.notFound
            : problem.status === 0
              ? t.networkError
              : `${t.unexpected} (${problem.status})`}
        </Alert>
        {problem.status === 404 && (
          <p>
            <a href="/track/">{t.track.findLink}</a>
          </p>
        )}
      </>
    );
  }
  if (!view) return <p role="status">{t.loading}</p>;

  const partly = view.resolution?.outcome === 'partly-resolved';
  const statusLabel =
    partly && view.status === 'resolved' ? t.track.partlyResolved : (t.statuses[view.status] ?? view.status);
  return (
    <>
      <h1>
        {t.track.title} <span data-testid="reference">{view.reference}</span>
      </h1>
      <p>{view.subject}</p>
      {view.reopenedAt && (
        <Alert kind="info">
          <strong>{t.track.reopenedTitle}</strong>
          <br />
          <span data-testid="reopened">{t.track.reopenedText(formatDateTime(locale, view.reopenedAt))}</span>
        </Alert>
      )}
      {view.rejectionReason && (
        <section aria-labelledby="rejected-title" class="alert info">
          <h2 id="rejected-title">{t.track.rejectedTitle}</h2>
          <p data-testid="rejection-reason">
            {t.track.rejectedReason(CUSTOMER_REJECTION_REASON[locale][view.rejectionReason])}
          </p>
          <p>{t.track.rejectedNext}</p>
        </section>
      )}
      <dl class="facts">
        <dt>{t.track.status}</dt>
        <dd>
          <strong data-testid="status" data-status={view.status}>
            {statusLabel}
          </strong>
        </dd>
        <dt>{t.track.submittedAt}</dt>
        <dd>{formatDateTime(locale, view.submittedAt)}</dd>
        <dt>{t.track.acknowledgedAt}</dt>
        <dd>{formatDateTime(locale, view.acknowledgedAt)}</dd>
        {view.dueDates.firstResponse && (
          <>
            <dt>{t.track.firstResponseDue}</dt>
            <dd>{formatDateTime(locale, view.dueDates.firstResponse)}</dd>
          </>
        )}
        {view.dueDates.resolution && (
          <>
            <dt>{t.track.resolutionDue}</dt>
            <dd data-testid="resolution-due">{formatDateTime(locale, view.dueDates.resolution)}</dd>
          </>
        )}
      </dl>
      {view.resolution && (
        <section aria-labelledby="resolution-title">
          <h2 id="resolution-title">{t.track.resolutionTitle}</h2>
          <dl class="facts">
            <dt>{t.track.status}</dt>
            <dd data-testid="outcome">{labelOf(locale, 'outcome', view.resolution.outcome)}</dd>
            <dt>{t.track.remedy}</dt>
            <dd>{labelOf(locale, 'remedy', view.resolution.remedy)}</dd>
            {view.resolution.amount !== undefined && (
              <>
                <dt>{t.track.amount}</dt>
                <dd>¥{view.resolution.amount.toFixed(2)}</dd>
              </>
            )}
            {view.resolution.nextSteps && (
              <>
                <dt>{t.track.nextSteps}</dt>
                <dd style="white-space: pre-wrap">{view.resolution.nextSteps}</dd>
              </>
            )}
            {view.resolution.nextStepsBy && (
              <>
                <dt>{t.track.nextStepsBy}</dt>
                <dd>{formatDateTime(locale, view.resolution.nextStepsBy)}</dd>
              </>
            )}
          </dl>
          <p style="white-space: pre-wrap">{view.resolution.summary}</p>
        </section>
      )}
      {sent === 'reply' && <Alert kind="success">{t.track.sent}</Alert>}
      {sent === 'reopen' && <Alert kind="success">{t.track.respondSent}</Alert>}
      {view.response?.open && (
        <form onSubmit={(event) => void respond(event)} aria-labelledby="respond-title" noValidate>
          <h2 id="respond-title">{t.track.respondTitle}</h2>
          <p>
            {t.track.respondIntro(view.response.until ? formatDateTime(locale, view.response.until) : null)}
          </p>
          <Field id="respond" label={t.track.respondLabel} error={respondError} required>
            {(describedBy, invalid) => (
              <textarea
                id="respond"
                value={disagreement}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                aria-required
                onInput={(event) => setDisagreement(event.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            {t.track.respondSend}
          </button>
        </form>
      )}
      {view.response && !view.response.open && (
        <p data-testid="respond-over">
          {t.track.respondOver} <a href="/">{t.track.fileNew}</a>
          {t.track.fileNewEnd}
        </p>
      )}
      {OPEN_FOR_MESSAGES.has(view.status) && (
        <form onSubmit={(event) => void reply(event)} aria-labelledby="reply-title" noValidate>
          <h2 id="reply-title">{t.track.replyTitle}</h2>
          <Field id="reply" label={t.track.replyLabel} error={replyError} required>
            {(describedBy, invalid) => (
              <textarea
                id="reply"
                value={message}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                aria-required
                onInput={(event) => setMessage(event.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={busy}>
            {t.track.send}
          </button>
        </form>
      )}
      <TrackingEvidence t={t} view={view} token={token} reload={load} />
      <TrackingDataRequests id={id} token={token} />
      <h2>{t.track.timeline}</h2>
      <ol class="timeline">
        {view.timeline.toReversed().map((entry) => (
          <li key={`${entry.at}-${entry.type}`}>
            <time dateTime={entry.at}>{formatDateTime(locale, entry.at)}</time>
            {t.events[entry.type] ?? entry.type}
            {entry.message && (
              <blockquote style="white-space: pre-wrap; margin: 0.25rem 0">{entry.message}</blockquote>
            )}
          </li>
        ))}
      </ol>
    </>
  );
};
