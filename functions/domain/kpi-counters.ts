import type { ComplaintEvent, ComplaintEventType } from './audit-event.ts';
import { bucketOf } from './duration-histogram.ts';
import type { SolvedAnswer } from './survey.ts';
import type { RootCause, SlaStage } from './vocabulary.ts';

/**
 * What one complaint contributes to the KPI counters, as a fold over its audit events. The stream
 * consumer adds, for each new event E, counters(events up to E) − counters(events before E): the
 * contributions of a complaint's events telescope to counters(all its events), whatever order the
 * stream delivers them in, and each event is added once (see adapters/kpi-store.ts).
 */

/** Event types that can change a counter; the stream filter lets only these through. */
export const COUNTED_EVENT_TYPES = [
  'complaint.recorded-late',
  'complaint.triaged',
  'complaint.repeat-detected',
  'customer.contacted',
  'complaint.resolved',
  'complaint.rejected',
  'complaint.reopened',
  'complaint.closed',
  'sla.escalated',
  'sla.reminded',
  'survey.sent',
  'survey.answered',
  'survey.expired',
] as const satisfies readonly ComplaintEventType[];

const COUNTED = new Set<string>(COUNTED_EVENT_TYPES);
export const isCountedEvent = (type: string): boolean => COUNTED.has(type);

/** Counter name → amount. Histogram buckets are `frH<i>` (first response) and `rsH<i>` (resolution). */
export type Counters = Record<string, number>;

/** Per-day counters (by submission day: a complaint's later events update its day) and "now" gauges. */
export interface ComplaintContribution {
  daily: Counters;
  now: Counters;
}

export const FIRST_RESPONSE_BUCKET_PREFIX = 'frH';
/**
 * Resolved complaints by root cause (`rc:<cause>`) and by root cause and product
 * (`rcp:<cause>|<normalised product>`, empty product when none was named): the Pareto breakdown.
 */
export const ROOT_CAUSE_PREFIX = 'rc:';
export const ROOT_CAUSE_PRODUCT_PREFIX = 'rcp:';
export const RESOLUTION_BUCKET_PREFIX = 'rsH';

interface Fold {
  triaged: boolean;
  repeat: boolean;
  /** Staff recorded it later than the policy's recordWithin after receipt. */
  recordedLate: boolean;
  rejected: boolean;
  firstResponse?: { seconds: number; onTime: boolean };
  resolution?: { seconds: number; onTime: boolean; partly: boolean };
  /** The latest resolution's root cause: a re-resolution after a reopening moves the count. */
  rootCause?: RootCause | undefined;
  escalationLevel: number;
  reopened: boolean;
  reopenedByCustomer: boolean;
  open: boolean;
  overdueStages: Set<SlaStage>;
  surveysSent: number;
  surveysExpired: number;
  answers: { overall: number; process: number; result: number; solved: SolvedAnswer }[];
}

const secondsSince = (from: string, to: string): number =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** `receivedAt`: when the customer complained; response and resolution times count from it. */
const step = (fold: Fold, event: ComplaintEvent, receivedAt: string): void => {
  const respond = (onTime: boolean | undefined) => {
    fold.firstResponse ??= { seconds: secondsSince(receivedAt, event.at), onTime: onTime === true };
    fold.overdueStages.delete('firstResponse');
  };
  switch (event.type) {
    case 'complaint.triaged':
      fold.triaged = true;
      fold.open = !fold.rejected && !fold.resolution;
      break;
    case 'complaint.repeat-detected':
      fold.repeat = true;
      break;
    case 'complaint.recorded-late':
      fold.recordedLate = true;
      break;
    case 'customer.contacted':
      // Only a contact that ended the first-response stage is timed (the workflow's own has no details).
      if (event.details?.firstContact) respond(event.details.onTime);
      break;
    case 'complaint.resolved':
      // A resolution also ends a first-response stage still open (decideResolution).
      if (!fold.firstResponse) respond(event.details?.firstResponseOnTime);
      fold.resolution ??= {
        seconds: secondsSince(receivedAt, event.at),
        onTime: event.details?.onTime === true,
        partly: event.details?.outcome === 'partly-resolved',
      };
      fold.rootCause = event.details?.rootCause ?? fold.rootCause;
      fold.open = false;
      fold.overdueStages.clear();
      break;
    case 'complaint.rejected':
      fold.rejected = true;
      fold.open = false;
      fold.overdueStages.clear();
      break;
    case 'complaint.closed':
      fold.open = false;
      fold.overdueStages.clear();
      break;
    case 'complaint.reopened':
      fold.reopened = true;
      if (event.details.byCustomer) fold.reopenedByCustomer = true;
      fold.open = fold.triaged;
      fold.overdueStages.clear();
      break;
    case 'sla.escalated':
    case 'sla.reminded': {
      const { level, stage } = event.details;
      if (event.type === 'sla.escalated') fold.escalationLevel = Math.max(fold.escalationLevel, level);
      if (fold.open) fold.overdueStages.add(stage);
      break;
    }
    case 'survey.sent':
      fold.surveysSent += 1;
      break;
    case 'survey.expired':
      fold.surveysExpired += 1;
      break;
    case 'survey.answered': {
      const { overall, process, result, solved } = event.details;
      fold.answers.push({ overall, process, result, solved });
      break;
    }
    default:
      break;
  }
};

const toContribution = (fold: Fold, product: string): ComplaintContribution => {
  const daily: Counters = {};
  const add = (name: string, amount: number) => {
    if (amount !== 0) daily[name] = (daily[name] ?? 0) + amount;
  };
  // Nothing counts before triage: until then the complaint has no grade to be grouped by.
  if (!fold.triaged) return { daily, now: {} };
  add('received', 1);
  add('repeats', fold.repeat ? 1 : 0);
  add('recordedLate', fold.recordedLate ? 1 : 0);
  add('rejected', fold.rejected ? 1 : 0);
  if (fold.firstResponse) {
    add('frCount', 1);
    add('frOnTime', fold.firstResponse.onTime ? 1 : 0);
    add('frSeconds', fold.firstResponse.seconds);
    add(`${FIRST_RESPONSE_BUCKET_PREFIX}${bucketOf(fold.firstResponse.seconds)}`, 1);
  }
  if (fold.resolution) {
    add('rsCount', 1);
    add('rsPartly', fold.resolution.partly ? 1 : 0);
    add('rsOnTime', fold.resolution.onTime ? 1 : 0);
    add('rsSeconds', fold.resolution.seconds);
    add(`${RESOLUTION_BUCKET_PREFIX}${bucketOf(fold.resolution.seconds)}`, 1);
    if (fold.rootCause) {
      add(`${ROOT_CAUSE_PREFIX}${fold.rootCause}`, 1);
      add(`${ROOT_CAUSE_PRODUCT_PREFIX}${fold.rootCause}|${product}`, 1);
    }
  }
  for (let level = 1; level <= 3; level += 1)
    add(`escalatedL${level}`, fold.escalationLevel >= level ? 1 : 0);
  add('reopened', fold.reopened ? 1 : 0);
  add('reopenedByCustomer', fold.reopenedByCustomer ? 1 : 0);
  add('surveysSent', fold.surveysSent);
  add('surveysExpired', fold.surveysExpired);
  add('surveysAnswered', fold.answers.length);
  for (const answer of fold.answers) {
    add('satisfied', answer.overall >= 4 ? 1 : 0);
    add('overallSum', answer.overall);
    add('processSum', answer.process);
    add('resultSum', answer.result);
    add(`solved_${String(answer.solved)}`, 1);
  }
  const now: Counters = {};
  if (fold.open) now.open = 1;
  if (fold.open && fold.overdueStages.size > 0) now.overdue = 1;
  return { daily, now };
};

/**
 * What a complaint with these events (any order) contributes; events sort by their time-ordered id.
 * `receivedAt`: when the customer complained (receivedAtOf), the start of its response times;
 * `product`: its product as normaliseProduct spells it ('' when none), for the root-cause breakdown.
 */
export const contributionOf = (
  receivedAt: string,
  events: readonly ComplaintEvent[],
  product = '',
): ComplaintContribution => {
  const fold: Fold = {
    triaged: false,
    repeat: false,
    recordedLate: false,
    rejected: false,
    escalationLevel: 0,
    reopened: false,
    reopenedByCustomer: false,
    open: false,
    overdueStages: new Set(),
    surveysSent: 0,
    surveysExpired: 0,
    answers: [],
  };
  const sorted = [...events].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  for (const event of sorted) step(fold, event, receivedAt);
  return toContribution(fold, product);
};

const difference = (after: Counters, before: Counters): Counters => {
  const delta: Counters = {};
  for (const name of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const amount = (after[name] ?? 0) - (before[name] ?? 0);
    if (amount !== 0) delta[name] = amount;
  }
  return delta;
};

/**
 * What adding `event` changes: the contribution of the complaint's events up to and including it,
 * minus that of the events before it. `history` may hold any of the complaint's events; only those
 * ordered before `event` are used.
 */
export const contributionDelta = (
  receivedAt: string,
  history: readonly ComplaintEvent[],
  event: ComplaintEvent,
  product = '',
): ComplaintContribution => {
  const before = history.filter((other) => other.eventId < event.eventId);
  const withEvent = contributionOf(receivedAt, [...before, event], product);
  const without = contributionOf(receivedAt, before, product);
  return { daily: difference(withEvent.daily, without.daily), now: difference(withEvent.now, without.now) };
};

export const isEmpty = (delta: ComplaintContribution): boolean =>
  Object.keys(delta.daily).length === 0 && Object.keys(delta.now).length === 0;
