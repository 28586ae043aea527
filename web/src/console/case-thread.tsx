import type { ComponentChildren } from 'preact';
import type { CaseDetail, ThreadAuthor, ThreadEntry } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale, type ConsoleLocale } from './console-locale.ts';
import type { DirectoryNames } from './directory.ts';
import { Facts } from './facts.tsx';

/** One message of the conversation as the page shows it. */
interface ThreadItem {
  key: string;
  kind: ThreadEntry['kind'];
  at: string;
  /** Who speaks: the customer on the left, staff on the right, our mail in the middle; internal marked. */
  side: 'customer' | 'staff' | 'system';
  internal: boolean;
  title: string;
  author: string;
  body: ComponentChildren;
}

const money = (amount: number | null) => (amount === null ? undefined : `¥${amount.toFixed(2)}`);
/** A fact row only when there is something to show. */
const fact = (name: string, value: ComponentChildren | null | undefined): [string, ComponentChildren][] =>
  value === null || value === undefined || value === '' ? [] : [[name, value]];
const Message = ({ text }: { text: string | null }) => (text ? <p class="message">{text}</p> : null);

const authorName = (author: ThreadAuthor, cl: ConsoleLocale, names: DirectoryNames, customer: string) =>
  author.kind === 'customer'
    ? customer
    : author.kind === 'system'
      ? cl.t.case.systemActor
      : names.person(author.id);

/** The title and body of one thread entry (narrowed on its kind; codes shown as labels). */
const render = (
  entry: ThreadEntry,
  cl: ConsoleLocale,
  names: DirectoryNames,
): Pick<ThreadItem, 'title' | 'body'> => {
  const { t, label } = cl;
  const th = t.thread;
  switch (entry.kind) {
    case 'complaint':
      return {
        title: `${th.complaint}${t.colon}${entry.subject}`,
        body: (
          <>
            <p class="message">{entry.description}</p>
            <Facts
              rows={[
                ...fact(t.case.channel, label('channel', entry.channel)),
                ...fact(t.case.product, entry.product),
                ...fact(t.case.order, entry.orderRef),
                ...fact(t.case.incidentAt, entry.incidentAt && cl.at(entry.incidentAt)),
                ...fact(t.case.wants, entry.desiredOutcome),
              ]}
            />
          </>
        ),
      };
    case 'customer-message':
      return { title: th.customerMessage, body: <Message text={entry.text} /> };
    case 'info-request':
      return { title: th.staffRequest, body: <Message text={entry.text} /> };
    case 'mail':
      // Exactly what the customer received: the subject in the head, the text behind a fold.
      return {
        title: th.mail(label('mailKind', entry.mailKind)),
        body: (
          <>
            <p class="mail-subject">
              {th.subject}
              {t.colon}
              <strong>{entry.subject}</strong>
            </p>
            <details class="mail" data-testid="mail" data-mail-kind={entry.mailKind}>
              <summary>{th.mailText}</summary>
              <pre class="mail-text">{entry.text}</pre>
              {entry.truncated && <p class="meta">{th.mailTruncated}</p>}
            </details>
          </>
        ),
      };
    case 'contact':
      return {
        title: th.contact(entry.channel ? label('contactChannel', entry.channel) : t.none),
        body: <Message text={entry.summary} />,
      };
    case 'note':
      return { title: th.note, body: <Message text={entry.text} /> };
    case 'proposal':
      return {
        title: th.proposal,
        body: (
          <>
            <Message text={entry.summary} />
            <Facts
              rows={[
                [th.remedy, label('remedy', entry.remedy)],
                ...fact(th.amount, money(entry.amount)),
                [
                  t.case.status,
                  <span
                    class={`badge ${entry.approval === 'declined' ? 'overdue' : 'ok'}`}
                    data-approval={entry.approval}
                  >
                    {th.approval[entry.approval] ?? entry.approval}
                  </span>,
                ],
                ...fact(th.decidedBy, entry.decidedBy && names.person(entry.decidedBy)),
                ...fact(th.decisionNote, entry.decisionNote),
              ]}
            />
          </>
        ),
      };
    case 'proposal-decision':
      return {
        title: label('event', entry.decision === 'approved' ? 'proposal.approved' : 'proposal.declined'),
        body: entry.note && (
          <p class="message">
            {th.decisionNote}
            {t.colon}
            {entry.note}
          </p>
        ),
      };
    case 'resolution':
      return {
        title: `${th.resolution}${t.colon}${label('outcome', entry.outcome)}`,
        body: (
          <>
            <Message text={entry.summary} />
            <Facts
              rows={[
                ...fact(th.remedy, entry.remedy && label('remedy', entry.remedy)),
                ...fact(th.amount, money(entry.amount)),
                ...fact(
                  th.nextSteps,
                  entry.nextSteps &&
                    `${entry.nextSteps}${entry.nextStepsBy ? t.paren(`${th.nextStepsBy} ${cl.at(entry.nextStepsBy)}`) : ''}`,
                ),
              ]}
            />
          </>
        ),
      };
    case 'rejection':
      return {
        title: `${th.rejection}${t.colon}${label('rejectionReason', entry.reason)}`,
        body: <Message text={entry.note} />,
      };
    case 'survey-answer':
      return {
        title: `${th.survey}${entry.round > 1 ? t.paren(th.round(entry.round)) : ''}`,
        body: (
          <>
            <Facts
              rows={[
                [th.ratings.overall, `${entry.overall} / 5`],
                [th.ratings.process, `${entry.process} / 5`],
                [th.ratings.result, `${entry.result} / 5`],
                [th.solved, th.solvedAnswers[entry.solved] ?? entry.solved],
              ]}
            />
            {entry.comment && (
              <p class="message" data-testid="survey-comment">
                <strong>
                  {th.comment}
                  {t.colon}
                </strong>
                {entry.comment}
              </p>
            )}
          </>
        ),
      };
    case 'reopened':
      return {
        title: entry.byCustomer ? th.reopenedByCustomer : th.reopened,
        body: <Message text={entry.reason} />,
      };
  }
};

/** The case as one conversation in time order, as the API builds it (`thread`). */
const threadItems = (detail: CaseDetail, cl: ConsoleLocale, names: DirectoryNames): ThreadItem[] =>
  detail.thread.map((entry) => ({
    key: entry.id,
    kind: entry.kind,
    at: entry.at,
    side: entry.kind === 'mail' ? 'system' : entry.author.kind,
    internal: entry.internal,
    author: authorName(entry.author, cl, names, detail.customer.name),
    ...render(entry, cl, names),
  }));

export const CaseThread = ({ detail, names }: { detail: CaseDetail; names: DirectoryNames }) => {
  const cl = useConsoleLocale();
  return (
    <section aria-labelledby="thread-title">
      <h2 id="thread-title">{cl.t.case.thread}</h2>
      <ol class="thread" data-testid="thread">
        {threadItems(detail, cl, names).map((entry) => (
          <li
            key={entry.key}
            class={`entry ${entry.side}${entry.internal ? ' internal' : ''}`}
            data-kind={entry.kind}
            data-internal={entry.internal ? 'true' : undefined}
          >
            <p class="entry-head">
              <strong>{entry.title}</strong>
              {entry.internal && <span class="badge escalated">{cl.t.badges.internal}</span>}
              <span class="meta">
                {entry.author} · <time dateTime={entry.at}>{cl.at(entry.at)}</time>
              </span>
            </p>
            {entry.body}
          </li>
        ))}
      </ol>
    </section>
  );
};
