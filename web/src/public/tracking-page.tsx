import { useEffect, useState } from 'preact/hooks';
import type { CustomerView } from '../../../functions/domain/customer-view.ts';
import { callApi, jsonInit, type Problem } from '../shared/api.ts';
import { Alert, Field } from '../shared/field.tsx';
import { formatDateTime } from '../shared/i18n.ts';
import { useLocale } from '../shared/page.tsx';

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
  const [sent, setSent] = useState(false);
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

  const reply = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await callApi(
      `/v1/complaints/${encodeURIComponent(id)}/messages`,
      jsonInit('POST', { message }, { 'x-tracking-token': token }),
    );
    setBusy(false);
    if (result.ok) {
      setSent(true);
      setMessage('');
      setReplyError(undefined);
      return load();
    }
    const { problem: refused } = result;
    if (refused.status === 409) return setReplyError(t.track.closedForReplies);
    setReplyError(
      refused.errors?.[0]?.message ??
        (refused.status === 0 ? t.networkError : (refused.detail ?? refused.title)),
    );
  };

  if (!id || !token) return <Alert kind="error">{t.track.missing}</Alert>;
  if (problem) {
    return (
      <Alert kind="error">
        {problem.status === 404
          ? t.track.notFound
          : problem.status === 0
            ? t.networkError
            : `${t.unexpected} (${problem.status})`}
      </Alert>
    );
  }
  if (!view) return <p role="status">{t.loading}</p>;

  return (
    <>
      <h1>
        {t.track.title} <span data-testid="reference">{view.reference}</span>
      </h1>
      <p>{view.subject}</p>
      <dl class="facts">
        <dt>{t.track.status}</dt>
        <dd>
          <strong data-testid="status" data-status={view.status}>
            {t.statuses[view.status] ?? view.status}
          </strong>
        </dd>
        <dt>{t.track.submittedAt}</dt>
        <dd>{formatDateTime(locale, view.submittedAt)}</dd>
        <dt>{t.track.acknowledgedAt}</dt>
        <dd>{formatDateTime(locale, view.acknowledgedAt)}</dd>
        <dt>{t.track.firstResponseDue}</dt>
        <dd>{formatDateTime(locale, view.dueDates.firstResponse)}</dd>
        <dt>{t.track.resolutionDue}</dt>
        <dd>{formatDateTime(locale, view.dueDates.resolution)}</dd>
      </dl>
      {view.resolution && (
        <section aria-labelledby="resolution-title">
          <h2 id="resolution-title">{t.track.resolutionTitle}</h2>
          <dl class="facts">
            <dt>{t.track.status}</dt>
            <dd>{t.track.outcomes[view.resolution.outcome] ?? view.resolution.outcome}</dd>
            <dt>{t.track.remedy}</dt>
            <dd>{t.track.remedies[view.resolution.remedy] ?? view.resolution.remedy}</dd>
            {view.resolution.amount !== undefined && (
              <>
                <dt>{t.track.amount}</dt>
                <dd>¥{view.resolution.amount.toFixed(2)}</dd>
              </>
            )}
            {view.resolution.nextSteps && (
              <>
                <dt>{t.track.nextSteps}</dt>
                <dd>
                  {view.resolution.nextSteps} ({formatDateTime(locale, view.resolution.nextStepsBy)})
                </dd>
              </>
            )}
          </dl>
          <p style="white-space: pre-wrap">{view.resolution.summary}</p>
        </section>
      )}
      {sent && <Alert kind="success">{t.track.sent}</Alert>}
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
