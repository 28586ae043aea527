import type { ComplaintEvent } from '../domain/audit-event.ts';
import { receivedAtOf } from '../domain/complaint.ts';
import { contributionDelta, isEmpty } from '../domain/kpi-counters.ts';
import { reportDay, reportGroups } from '../domain/kpi-report.ts';
import type { Clock, KpiCounters, PolicySource } from './ports.ts';
import { retry } from './retry.ts';

class CounterConflict extends Error {
  override name = 'CounterConflict';
}

export type CountOutcome = 'counted' | 'already-counted' | 'no-change' | 'skipped';

// Every event touches the total's items, so concurrent batches (shards) collide now and then: a
// cancelled transaction changed nothing and is simply tried again.
const CONFLICT_RETRY = { attempts: 6, baseDelayMs: 20, maxDelayMs: 1_000 };

/** Adds one audit event's change to the KPI counters, once per event. */
export const countEventKpis = async (
  deps: { kpis: KpiCounters; policy: PolicySource; clock: Clock },
  event: ComplaintEvent,
): Promise<CountOutcome> => {
  const { complaint, events } = await deps.kpis.complaintWithEvents(event.complaintId);
  if (!complaint) return 'skipped';
  const delta = contributionDelta(receivedAtOf(complaint), events, event);
  if (isEmpty(delta)) return 'no-change';
  const target = {
    eventId: event.eventId,
    day: reportDay(complaint.submittedAt, deps.policy.current().policy.calendar.timeZone),
    groups: reportGroups(complaint),
    delta,
  };
  return retry(
    CONFLICT_RETRY,
    (error) => error instanceof CounterConflict,
    async () => {
      const outcome = await deps.kpis.add(target, deps.clock.now());
      if (outcome === 'conflict') throw new CounterConflict(`Counters of event ${event.eventId} were busy`);
      return outcome;
    },
  );
};
