import { useState } from 'preact/hooks';
import type { VocabularyLabels } from '../../../functions/domain/labels.ts';
import type { CaseDetail } from '../../../functions/domain/staff-view.ts';
import { useConsoleLocale, type ConsoleLocale } from './console-locale.ts';
import type { DirectoryNames } from './directory.ts';

type TimelineEvent = CaseDetail['timeline'][number];

/** Machinery (mail handed over, reminders): the API flags it (`noise`); folded away unless asked for. */
export const isNoise = (event: TimelineEvent): boolean => event.noise;

/** Changed fields whose values are codes, with the labels they are shown by. */
const CODED_FIELDS: Record<string, keyof VocabularyLabels> = {
  status: 'status',
  category: 'category',
  severity: 'severity',
  urgency: 'urgency',
  priority: 'priority',
  tier: 'tier',
  channel: 'channel',
};

/** A changed field's value in words: codes as labels, people and departments by name, times zoned. */
export const fieldValue = (
  field: string,
  value: unknown,
  cl: ConsoleLocale,
  names: DirectoryNames,
): string => {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value === '') return cl.t.none;
  const kind = CODED_FIELDS[field];
  if (kind) return cl.label(kind, value);
  if (field === 'assignee') return names.person(value);
  if (field === 'department') return names.department(value);
  return /^\d{4}-\d\d-\d\dT/u.test(value) ? cl.at(value) : value;
};

export const fieldName = (field: string, cl: ConsoleLocale): string => {
  const text = (cl.t.case as unknown as Record<string, unknown>)[field];
  return typeof text === 'string' ? text : (cl.t.composer.fields[field] ?? field);
};

export const actorName = (event: TimelineEvent, cl: ConsoleLocale, names: DirectoryNames): string =>
  event.actor.kind === 'customer'
    ? cl.t.case.customerActor
    : event.actor.kind === 'system'
      ? cl.t.case.systemActor
      : `${names.person(event.actor.id)}${event.actor.role ? cl.t.paren(cl.label('role', event.actor.role)) : ''}`;

/** The facts an event records besides changed fields, in words (why, which stage, how far up). */
const eventSummary = (event: TimelineEvent, cl: ConsoleLocale): string | undefined => {
  const { t, label } = cl;
  switch (event.type) {
    case 'sla.escalated':
    case 'sla.reminded':
      return `${label('slaStage', event.details.stage)} · ${t.badges.escalated(
        t.badges.escalationLevels[event.details.level] ?? String(event.details.level),
      )}`;
    case 'complaint.rejected':
      return label('rejectionReason', event.details.reason);
    case 'complaint.reclassified':
    case 'complaint.reopened':
    case 'tracking-token.revoked':
      return event.details.reason;
    case 'complaint.closed':
      return t.thread.closedReasons[event.details.reason];
    case 'contact.problem':
      return t.case.contactProblems[event.details.kind];
    case 'lifecycle.failed':
      return `${label('lifecycleStage', event.details.stage)}${t.colon}${event.details.error}`;
    case 'change.requested':
    case 'change.approved':
    case 'change.declined':
      return label('changeKind', event.details.kind);
    case 'notification.failed':
      return label('mailKind', event.details.kind);
    default:
      return undefined;
  }
};

/** Before → after of every field the event changed that reads differently in words. */
const ChangeList = ({ event, names }: { event: TimelineEvent; names: DirectoryNames }) => {
  const cl = useConsoleLocale();
  const lines = Object.entries(event.changes ?? {})
    .map(([field, change]) => [
      fieldName(field, cl),
      fieldValue(field, change.before, cl, names),
      fieldValue(field, change.after, cl, names),
    ])
    .filter(([, before, after]) => before !== after);
  if (lines.length === 0) return null;
  return (
    <ul class="changes">
      {lines.map(([field, before, after]) => (
        <li key={field}>{cl.t.case.changed(field!, before!, after!)}</li>
      ))}
    </ul>
  );
};

/** The audit trail in words, newest first, with before → after of every changed field. */
export const CaseTimeline = ({ detail, names }: { detail: CaseDetail; names: DirectoryNames }) => {
  const cl = useConsoleLocale();
  const [showNoise, setShowNoise] = useState(false);
  const events = detail.timeline.toReversed();
  const hidden = events.filter(isNoise).length;
  const shown = showNoise ? events : events.filter((event) => !isNoise(event));
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{cl.t.case.timeline}</h2>
      {hidden > 0 && (
        <p>
          {!showNoise && `${cl.t.case.hiddenNoise(hidden)} `}
          <button
            type="button"
            class="link"
            aria-pressed={showNoise}
            onClick={() => setShowNoise(!showNoise)}
          >
            {showNoise ? cl.t.case.hideNoise : cl.t.case.showNoise}
          </button>
        </p>
      )}
      <ol class="timeline" data-testid="timeline">
        {shown.map((event) => (
          <li key={event.eventId} data-event={event.type} class={isNoise(event) ? 'noise' : undefined}>
            <time dateTime={event.at}>{cl.at(event.at)}</time>
            <strong>{cl.label('event', event.type)}</strong> · {actorName(event, cl, names)}
            {event.customerVisible && ' '}
            {event.customerVisible && <span class="badge ok">{cl.t.badges.customerSees}</span>}
            {eventSummary(event, cl) && <p class="event-summary">{eventSummary(event, cl)}</p>}
            <ChangeList event={event} names={names} />
          </li>
        ))}
      </ol>
    </section>
  );
};
