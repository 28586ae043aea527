import { Fragment, type ComponentChildren } from 'preact';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale, type ConsoleLocale } from './console-locale.ts';
import { actorName } from './case-timeline.tsx';
import type { DirectoryNames } from './directory.ts';

type TimelineEvent = CaseDetail['timeline'][number];

/** One message of the conversation as the page shows it. */
interface ThreadItem {
  key: string;
  at: string;
  /** Who speaks: the customer on the left, staff and our mail on the right, internal notes marked. */
  side: 'customer' | 'staff' | 'system';
  internal: boolean;
  title: string;
  author: string;
  body: ComponentChildren;
}

const Facts = ({ rows }: { rows: [string, ComponentChildren][] }) => (
  <dl class="facts">
    {rows.map(([name, value]) => (
      <Fragment key={name}>
        <dt>{name}</dt>
        <dd>{value}</dd>
      </Fragment>
    ))}
  </dl>
);

/** The customer mail each of these events records the sending of. */
const MAIL_OF_EVENT = {
  'complaint.acknowledged': 'acknowledgement',
  'resolution.notified': 'result-notice',
  'survey.sent': 'survey',
} as const;

const money = (amount: number | undefined) => (amount === undefined ? undefined : `¥${amount.toFixed(2)}`);

/**
 * The case as one conversation in time order, built from the case and its audit trail: the
 * complaint, what we asked and the customer answered, contacts, internal notes, the proposal and its
 * approval, the resolution or rejection, the survey answer. Mail is listed by kind until the API
 * returns the mail as sent (`thread`).
 */
const threadItems = (detail: CaseDetail, cl: ConsoleLocale, names: DirectoryNames): ThreadItem[] => {
  const { t, label } = cl;
  const th = t.thread;
  const items: ThreadItem[] = [
    {
      key: 'complaint',
      at: detail.submittedAt,
      side: 'customer',
      internal: false,
      title: `${th.complaint}${t.colon}${detail.subject}`,
      author: detail.customer.name,
      body: (
        <>
          <p class="message">{detail.description}</p>
          <Facts
            rows={[
              ...(detail.product ? [[t.case.product, detail.product] as [string, string]] : []),
              ...(detail.orderRef ? [[t.case.order, detail.orderRef] as [string, string]] : []),
              ...(detail.incidentAt
                ? [[t.case.incidentAt, cl.at(detail.incidentAt)] as [string, string]]
                : []),
              ...(detail.desiredOutcome ? [[t.case.wants, detail.desiredOutcome] as [string, string]] : []),
            ]}
          />
        </>
      ),
    },
  ];
  const item = (event: TimelineEvent, rest: Omit<ThreadItem, 'key' | 'at' | 'author'>) =>
    items.push({ key: event.eventId, at: event.at, author: actorName(event, cl, names), ...rest });
  const staff = { side: 'staff' as const, internal: false };
  const lastProposal = detail.timeline.findLast((event) => event.type === 'resolution.proposed')?.eventId;
  for (const event of detail.timeline) {
    switch (event.type) {
      case 'info.requested':
        item(event, {
          ...staff,
          title: th.staffRequest,
          body: <p class="message">{event.details.message}</p>,
        });
        break;
      case 'customer.replied':
        item(event, {
          side: 'customer',
          internal: false,
          title: th.customerMessage,
          body: <p class="message">{event.details.message}</p>,
        });
        break;
      case 'customer.contacted':
        if (event.details)
          item(event, {
            ...staff,
            title: th.contact(label('contactChannel', event.details.channel)),
            body: <p class="message">{event.details.summary}</p>,
          });
        break;
      case 'note.added':
        item(event, {
          side: 'staff',
          internal: true,
          title: th.note,
          body: <p class="message">{event.details.text}</p>,
        });
        break;
      case 'resolution.proposed': {
        // Each proposal as it was made; the approval state is the current proposal's (the latest).
        const d = event.details;
        const latest = event.eventId === lastProposal;
        const approval = latest ? (detail.proposal?.approval ?? d.approval) : undefined;
        item(event, {
          ...staff,
          internal: true,
          title: th.proposal,
          body: (
            <>
              <p class="message">{d.summary}</p>
              <Facts
                rows={[
                  [th.remedy, label('remedy', d.remedy)],
                  ...(d.amount === undefined ? [] : [[th.amount, money(d.amount)] as [string, string]]),
                  ...(d.approverRole
                    ? [[th.approver, label('role', d.approverRole)] as [string, string]]
                    : []),
                  ...(approval
                    ? [
                        [
                          t.case.status,
                          <span
                            class={`badge ${approval === 'declined' ? 'overdue' : 'ok'}`}
                            data-approval={approval}
                          >
                            {th.approval[approval] ?? approval}
                          </span>,
                        ] as [string, ComponentChildren],
                      ]
                    : []),
                ]}
              />
            </>
          ),
        });
        break;
      }
      case 'proposal.approved':
      case 'proposal.declined':
        item(event, {
          ...staff,
          internal: true,
          title: label('event', event.type),
          body: event.details.note && (
            <p class="message">
              {th.decisionNote}
              {t.colon}
              {event.details.note}
            </p>
          ),
        });
        break;
      case 'change.requested':
      case 'change.approved':
      case 'change.declined': {
        const d = event.details;
        const note = 'decisionNote' in d ? d.decisionNote : undefined;
        item(event, {
          ...staff,
          internal: true,
          title: `${label('event', event.type)}${t.colon}${label('changeKind', d.kind)}`,
          body: (
            <>
              <p class="message">
                {d.kind === 'regrade'
                  ? `${label('category', d.category)} · ${label('severity', d.severity)} · ${label('urgency', d.urgency)}${t.colon}${d.reason}`
                  : `${label('rejectionReason', d.reason)}${t.colon}${d.note}`}
              </p>
              {note && (
                <p class="message">
                  {th.decisionNote}
                  {t.colon}
                  {note}
                </p>
              )}
            </>
          ),
        });
        break;
      }
      case 'complaint.resolved': {
        const resolution = detail.resolution;
        item(event, {
          ...staff,
          title: `${th.resolution}${t.colon}${label('outcome', resolution?.outcome ?? event.details?.outcome)}`,
          body: resolution && (
            <>
              <p class="message">{resolution.summary}</p>
              <Facts
                rows={[
                  [th.remedy, label('remedy', resolution.remedy)],
                  ...(resolution.amount === undefined
                    ? []
                    : [[th.amount, money(resolution.amount)] as [string, string]]),
                  ...(resolution.nextSteps
                    ? [
                        [
                          th.nextSteps,
                          `${resolution.nextSteps}${t.paren(`${th.nextStepsBy} ${cl.at(resolution.nextStepsBy)}`)}`,
                        ] as [string, string],
                      ]
                    : []),
                ]}
              />
            </>
          ),
        });
        break;
      }
      case 'complaint.rejected':
        item(event, {
          ...staff,
          title: `${th.rejection}${t.colon}${label('rejectionReason', event.details.reason)}`,
          body: detail.rejection && <p class="message">{detail.rejection.note}</p>,
        });
        break;
      case 'survey.answered': {
        const answer = detail.followUp?.answer;
        const d = event.details;
        item(event, {
          side: 'customer',
          internal: false,
          title: th.survey,
          body: (
            <>
              <Facts
                rows={[
                  [th.ratings.overall, `${d.overall} / 5`],
                  [th.ratings.process, `${d.process} / 5`],
                  [th.ratings.result, `${d.result} / 5`],
                  [th.solved, th.solvedAnswers[d.solved] ?? d.solved],
                ]}
              />
              {answer?.comment && (
                <p class="message" data-testid="survey-comment">
                  <strong>
                    {th.comment}
                    {t.colon}
                  </strong>
                  {answer.comment}
                </p>
              )}
            </>
          ),
        });
        break;
      }
      case 'resolution.notified':
      case 'survey.sent':
      case 'complaint.acknowledged':
        item(event, {
          side: 'system',
          internal: false,
          title: th.mail(label('mailKind', MAIL_OF_EVENT[event.type])),
          body: null,
        });
        break;
      case 'complaint.reopened':
        item(event, { ...staff, title: th.reopened, body: <p class="message">{event.details.reason}</p> });
        break;
      case 'complaint.closed':
        item(event, {
          side: 'system',
          internal: false,
          title: `${th.closed}${t.paren(th.closedReasons[event.details.reason] ?? event.details.reason)}`,
          body: null,
        });
        break;
      default:
        break;
    }
  }
  return items.toSorted((a, b) => a.at.localeCompare(b.at));
};

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
