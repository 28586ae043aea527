import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  counterItemId,
  countsOfEvent,
  foldCounts,
  TRANSACTION_ITEM_LIMIT,
  type EventCounts,
} from '../../../functions/domain/kpi-fold.ts';
import {
  KPI_COUNTER_SHARDS,
  kpiShardOf,
  mergeCounterRows,
  mergeGauges,
} from '../../../functions/domain/kpi-shards.ts';

const GROUPS = [
  { dimension: 'all', value: 'all' },
  { dimension: 'channel', value: 'web' },
  { dimension: 'category', value: 'logistics' },
  { dimension: 'severity', value: 'L3' },
  { dimension: 'department', value: 'logistics' },
];

const event = (eventId: string, shard: number, daily: Record<string, number>, now = {}): EventCounts =>
  countsOfEvent({ eventId, shard, day: '2026-11-23', groups: GROUPS, delta: { daily, now } });

/** Every item's summed increments, over any list of changes. */
const sums = (
  changes: { item: EventCounts['changes'][number]['item']; counters: Record<string, number> }[],
) => {
  const total = new Map<string, Record<string, number>>();
  for (const { item, counters } of changes) {
    const into = total.get(counterItemId(item)) ?? {};
    for (const [name, amount] of Object.entries(counters)) into[name] = (into[name] ?? 0) + amount;
    total.set(counterItemId(item), into);
  }
  // Zero sums are no write.
  for (const [id, counters] of total) {
    const kept = Object.fromEntries(Object.entries(counters).filter(([, amount]) => amount !== 0));
    if (Object.keys(kept).length === 0) total.delete(id);
    else total.set(id, kept);
  }
  return total;
};

describe('KPI counter shards', () => {
  it('puts one complaint in one shard, always, and spreads complaints over every shard', () => {
    expect(kpiShardOf('01JD0000000000000000000001')).toBe(kpiShardOf('01JD0000000000000000000001'));
    const seen = new Set(Array.from({ length: 400 }, (_, n) => kpiShardOf(`complaint-${n}`)));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: KPI_COUNTER_SHARDS }, (_, i) => i));
  });

  it('merges the shards into one row per day and group, and one gauge per group', () => {
    const rows = mergeCounterRows([
      [{ day: '2026-11-23', value: 'web', counters: { received: 2 } }],
      [
        { day: '2026-11-22', value: 'web', counters: { received: 1 } },
        { day: '2026-11-23', value: 'web', counters: { received: 3, rejected: 1 } },
      ],
    ]);
    expect(rows).toEqual([
      { day: '2026-11-22', value: 'web', counters: { received: 1 } },
      { day: '2026-11-23', value: 'web', counters: { received: 5, rejected: 1 } },
    ]);
    expect(
      mergeGauges([
        [{ value: 'all', counters: { open: 2 } }],
        [{ value: 'all', counters: { open: 1, overdue: 1 } }],
      ]),
    ).toEqual([{ value: 'all', counters: { open: 3, overdue: 1 } }]);
  });
});

describe('folding counted events into transactions', () => {
  it('sums the increments of events of one shard on the same items, keeping every marker', () => {
    const folded = foldCounts([
      event('E1', 2, { received: 1 }, { open: 1 }),
      event('E2', 2, { received: 1 }),
    ]);
    expect(folded).toHaveLength(1);
    expect(folded[0]!.eventIds).toEqual(['E1', 'E2']);
    // Five day items and five gauges, each written once.
    expect(folded[0]!.changes).toHaveLength(10);
    expect(folded[0]!.changes[0]).toEqual({
      item: { kind: 'day', shard: 2, dimension: 'all', value: 'all', day: '2026-11-23' },
      counters: { received: 2 },
    });
  });

  it('writes one shard per transaction, and nothing for increments that cancel out', () => {
    const folded = foldCounts([
      event('E1', 1, {}, { open: 1 }),
      event('E2', 5, { received: 1 }),
      event('E3', 1, {}, { open: -1 }),
    ]);
    expect(folded.map((part) => part.eventIds)).toEqual([['E1', 'E3'], ['E2']]);
    expect(folded[0]!.changes).toEqual([]);
  });

  it('keeps each transaction within the item limit, markers included', () => {
    const events = Array.from({ length: 25 }, (_, n) =>
      countsOfEvent({
        eventId: `E${n}`,
        shard: 0,
        day: `2026-11-${String(n + 1).padStart(2, '0')}`,
        groups: GROUPS,
        delta: { daily: { received: 1 }, now: {} },
      }),
    );
    const folded = foldCounts(events);
    // 6 items an event (a marker and five day items): 16 fit in 100.
    expect(folded.map((part) => part.eventIds.length)).toEqual([16, 9]);
    for (const part of folded)
      expect(part.eventIds.length + part.changes.length).toBeLessThanOrEqual(TRANSACTION_ITEM_LIMIT);
  });

  it('loses and repeats nothing: the folded sums are the events’ sums, each marker once', () => {
    const counters = fc.dictionary(
      fc.constantFrom('received', 'rejected', 'frCount'),
      fc.integer({ min: -2, max: 2 }),
    );
    const anEvent = fc.record({
      shard: fc.integer({ min: 0, max: 3 }),
      day: fc.constantFrom('2026-11-22', '2026-11-23', '2026-11-24'),
      groups: fc.subarray(GROUPS, { minLength: 1 }),
      daily: counters,
      now: fc.dictionary(fc.constantFrom('open', 'overdue'), fc.integer({ min: -1, max: 1 })),
      surge: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(anEvent, { maxLength: 60 }), fc.integer({ min: 12, max: 100 }), (drawn, limit) => {
        const events = drawn.map((entry, n) =>
          countsOfEvent({
            eventId: `E${n}`,
            shard: entry.shard,
            day: entry.day,
            groups: entry.groups,
            delta: { daily: entry.daily, now: entry.now },
            surgeBuckets: entry.surge
              ? [{ dimension: 'category', value: 'logistics', bucket: 'B1' }]
              : undefined,
          }),
        );
        const folded = foldCounts(events, limit);
        expect(folded.flatMap((part) => part.eventIds).sort()).toEqual(events.map((e) => e.eventId).sort());
        expect(sums(folded.flatMap((part) => part.changes))).toEqual(sums(events.flatMap((e) => e.changes)));
        for (const part of folded) {
          expect(part.eventIds.length + part.changes.length).toBeLessThanOrEqual(limit);
          const ids = part.changes.map((change) => counterItemId(change.item));
          expect(new Set(ids).size).toBe(ids.length);
          const shards = new Set(part.eventIds.map((id) => events.find((e) => e.eventId === id)!.shard));
          expect(shards.size).toBe(1);
        }
      }),
    );
  });
});
