import type { ComplaintEvent } from '../domain/audit-event.ts';
import type { Complaint } from '../domain/complaint.ts';
import { receivedAtOf } from '../domain/complaint.ts';
import { contributionDelta, isEmpty } from '../domain/kpi-counters.ts';
import { countsOfEvent, foldCounts, type EventCounts, type FoldedCounts } from '../domain/kpi-fold.ts';
import { reportDay, reportGroups } from '../domain/kpi-report.ts';
import { kpiShardOf } from '../domain/kpi-shards.ts';
import { bucketOf, normaliseProduct, surgeSubjectsOf } from '../domain/surge.ts';
import { detectSurges, type SurgeDeps } from './detect-surges.ts';
import type { Clock, CountTarget, KpiCounters, PolicySource } from './ports.ts';
import { retry } from './retry.ts';

class CounterConflict extends Error {
  override name = 'CounterConflict';
}

export type CountOutcome = 'counted' | 'already-counted' | 'no-change' | 'skipped' | 'failed';

// Concurrent consumers meet on a shard's items now and then: a cancelled transaction changed nothing
// and is simply tried again.
const CONFLICT_RETRY = { attempts: 6, baseDelayMs: 20, maxDelayMs: 1_000 };

type CountDeps = { kpis: KpiCounters; policy: PolicySource; clock: Clock; surges?: SurgeDeps | undefined };

interface Prepared {
  target?: CountTarget;
  /** The complaint, when this event counts it first (surge check after the commit). */
  firstCountOf?: Complaint;
  outcome: CountOutcome;
}

/** Reads the event's complaint and works out what the event adds (nothing: `no-change`/`skipped`). */
const prepare = async (deps: CountDeps, event: ComplaintEvent): Promise<Prepared> => {
  const { complaint, events } = await deps.kpis.complaintWithEvents(event.complaintId);
  if (!complaint) return { outcome: 'skipped' };
  const product = complaint.product ? normaliseProduct(complaint.product) : '';
  const delta = contributionDelta(receivedAtOf(complaint), events, event, product);
  if (isEmpty(delta)) return { outcome: 'no-change' };
  const { policy } = deps.policy.current();
  const firstCount = deps.surges !== undefined && delta.daily.received === 1;
  const bucket = deps.surges && bucketOf(deps.surges.clock.now());
  return {
    outcome: 'counted',
    firstCountOf: firstCount ? complaint : undefined,
    target: {
      eventId: event.eventId,
      shard: kpiShardOf(complaint.id),
      day: reportDay(complaint.submittedAt, policy.calendar.timeZone),
      groups: reportGroups(complaint),
      delta,
      surgeBuckets:
        firstCount && bucket
          ? surgeSubjectsOf(policy, complaint).map((subject) => ({ ...subject, bucket }))
          : undefined,
    },
  };
};

/**
 * Commits one folded transaction, until it is written: events whose markers already exist (counted
 * before) are taken out and the rest folded and tried again; a conflict is tried again after a pause.
 * Returns the ids of the events found already counted.
 */
const commitFolded = async (
  deps: CountDeps,
  folded: FoldedCounts,
  countsById: ReadonlyMap<string, EventCounts>,
): Promise<Set<string>> => {
  const alreadyCounted = new Set<string>();
  let pending: FoldedCounts | undefined = folded;
  await retry(
    CONFLICT_RETRY,
    (error) => error instanceof CounterConflict,
    async () => {
      while (pending) {
        const outcome = await deps.kpis.commit(pending, deps.clock.now());
        if (outcome.kind === 'conflict') throw new CounterConflict('Counters were busy');
        if (outcome.kind === 'committed') return;
        outcome.eventIds.forEach((id) => alreadyCounted.add(id));
        const rest = pending.eventIds
          .filter((id) => !alreadyCounted.has(id))
          .map((id) => countsById.get(id)!);
        // A subset of one transaction's events, of one shard: it folds into one transaction again.
        pending = foldCounts(rest)[0];
      }
    },
  );
  return alreadyCounted;
};

/**
 * Adds a stream batch of audit events to the KPI counters, each event once. Every event's change is
 * worked out from its complaint's events (domain/kpi-counters.ts); the changes are folded per counter
 * shard into as few transactions as their markers allow (domain/kpi-fold.ts). The event that first
 * counts a complaint (`received`) also adds it to the surge buckets of its product and category and
 * then checks the surge rule (with `surges`; buckets by that clock, the wall clock: a surge is real
 * volume, which SLA_TIME_SCALE must not compress).
 *
 * `failedFrom`: the position of the first event whose counting failed: it and the events after it
 * are to be delivered again (their markers make a second delivery of any already written harmless).
 */
export const countEventKpis = async (
  deps: CountDeps,
  events: readonly ComplaintEvent[],
): Promise<{ outcomes: CountOutcome[]; failedFrom: number | undefined; errors: unknown[] }> => {
  const errors: unknown[] = [];
  const settled = await Promise.allSettled(events.map((event) => prepare(deps, event)));
  const outcomes: CountOutcome[] = [];
  const prepared: (Prepared | undefined)[] = settled.map((result, index) => {
    if (result.status === 'fulfilled') {
      outcomes[index] = result.value.outcome;
      return result.value;
    }
    outcomes[index] = 'failed';
    errors.push(result.reason);
    return undefined;
  });
  const indexOf = new Map(events.map((event, index) => [event.eventId, index]));
  const counts = prepared.flatMap((entry) => (entry?.target ? [countsOfEvent(entry.target)] : []));
  const countsById = new Map(counts.map((entry) => [entry.eventId, entry]));
  for (const folded of foldCounts(counts)) {
    try {
      const already = await commitFolded(deps, folded, countsById);
      for (const id of already) outcomes[indexOf.get(id)!] = 'already-counted';
    } catch (error) {
      errors.push(error);
      for (const id of folded.eventIds) outcomes[indexOf.get(id)!] = 'failed';
    }
  }
  // Checked on a redelivered record too: an earlier attempt may have stopped before it.
  for (const [index, entry] of prepared.entries()) {
    if (!entry?.firstCountOf || !deps.surges || outcomes[index] === 'failed') continue;
    try {
      await detectSurges(deps.surges, entry.firstCountOf);
    } catch (error) {
      errors.push(error);
      outcomes[index] = 'failed';
    }
  }
  const failed = outcomes.indexOf('failed');
  return { outcomes, failedFrom: failed === -1 ? undefined : failed, errors };
};
