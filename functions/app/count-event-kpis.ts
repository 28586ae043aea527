import type { ComplaintEvent } from '../domain/audit-event.ts';
import { receivedAtOf } from '../domain/complaint.ts';
import { contributionDelta, isEmpty } from '../domain/kpi-counters.ts';
import { reportDay, reportGroups } from '../domain/kpi-report.ts';
import { bucketOf, normaliseProduct, surgeSubjectsOf } from '../domain/surge.ts';
import { detectSurges, type SurgeDeps } from './detect-surges.ts';
import type { Clock, KpiCounters, PolicySource } from './ports.ts';
import { retry } from './retry.ts';

class CounterConflict extends Error {
  override name = 'CounterConflict';
}

export type CountOutcome = 'counted' | 'already-counted' | 'no-change' | 'skipped';

// Every event touches the total's items, so concurrent batches (shards) collide now and then: a
// cancelled transaction changed nothing and is simply tried again.
const CONFLICT_RETRY = { attempts: 6, baseDelayMs: 20, maxDelayMs: 1_000 };

/**
 * Adds one audit event's change to the KPI counters, once per event. The event that first counts a
 * complaint (`received`) also adds it to the surge buckets of its product and category, in the same
 * transaction, and then checks the surge rule (with `surges`; buckets by that clock, the wall clock:
 * a surge is real volume, which SLA_TIME_SCALE must not compress).
 */
export const countEventKpis = async (
  deps: { kpis: KpiCounters; policy: PolicySource; clock: Clock; surges?: SurgeDeps | undefined },
  event: ComplaintEvent,
): Promise<CountOutcome> => {
  const { complaint, events } = await deps.kpis.complaintWithEvents(event.complaintId);
  if (!complaint) return 'skipped';
  const product = complaint.product ? normaliseProduct(complaint.product) : '';
  const delta = contributionDelta(receivedAtOf(complaint), events, event, product);
  if (isEmpty(delta)) return 'no-change';
  const { policy } = deps.policy.current();
  const firstCount = deps.surges !== undefined && delta.daily.received === 1;
  const bucket = deps.surges && bucketOf(deps.surges.clock.now());
  const target = {
    eventId: event.eventId,
    day: reportDay(complaint.submittedAt, policy.calendar.timeZone),
    groups: reportGroups(complaint),
    delta,
    surgeBuckets:
      firstCount && bucket
        ? surgeSubjectsOf(policy, complaint).map((subject) => ({ ...subject, bucket }))
        : undefined,
  };
  const outcome = await retry(
    CONFLICT_RETRY,
    (error) => error instanceof CounterConflict,
    async () => {
      const outcome = await deps.kpis.add(target, deps.clock.now());
      if (outcome === 'conflict') throw new CounterConflict(`Counters of event ${event.eventId} were busy`);
      return outcome;
    },
  );
  // Checked again on a redelivered record too: an earlier attempt may have stopped before it.
  if (firstCount && deps.surges) await detectSurges(deps.surges, complaint);
  return outcome;
};
