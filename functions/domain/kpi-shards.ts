import { createHash } from 'node:crypto';
import type { Counters } from './kpi-counters.ts';
import type { CounterRow } from './kpi-report.ts';

/**
 * How many copies each KPI counter item is split into (by a hash of the complaint id). At 1 M
 * complaints/day a 10× peak hour brings ≈ 116 new complaints/s and ≈ 260 counted events/s, and
 * every one of them adds to the total's items: on one item, concurrent transactions cancel each
 * other from a few tens a second on. The stream consumer writes one transaction per shard and batch
 * (domain/kpi-fold.ts), so two consumers meet on an item only when they are busy with the same shard
 * at the same moment: 8 shards put ≈ 33 events/s on each total item, folded into a few transactions.
 * More shards would cost every report that many more parallel Queries for little gain; a change of
 * the number needs no migration as long as it only grows (readers read 0..N-1, a missing shard is empty).
 */
export const KPI_COUNTER_SHARDS = 8;

/** The counter shard a complaint's events add to: always the same one for one complaint. */
export const kpiShardOf = (complaintId: string): number =>
  createHash('sha256').update(complaintId).digest().readUInt32BE(0) % KPI_COUNTER_SHARDS;

/** Every shard number, for readers that merge them. */
export const kpiShards = (): number[] => Array.from({ length: KPI_COUNTER_SHARDS }, (_, shard) => shard);

const sumInto = (target: Counters, source: Counters) => {
  for (const [name, amount] of Object.entries(source)) target[name] = (target[name] ?? 0) + amount;
};

/** The day rows of all shards as one row per day and group, counters summed, in day then group order. */
export const mergeCounterRows = (shards: readonly (readonly CounterRow[])[]): CounterRow[] => {
  const merged = new Map<string, CounterRow>();
  for (const row of shards.flat()) {
    const key = `${row.day}\u0000${row.value}`;
    const into = merged.get(key) ?? { day: row.day, value: row.value, counters: {} };
    sumInto(into.counters, row.counters);
    merged.set(key, into);
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
};

/** The "now" gauges of all shards as one gauge per group, counters summed, in group order. */
export const mergeGauges = (
  shards: readonly (readonly { value: string; counters: Counters }[])[],
): { value: string; counters: Counters }[] => {
  const merged = new Map<string, Counters>();
  for (const gauge of shards.flat()) {
    const into = merged.get(gauge.value) ?? {};
    sumInto(into, gauge.counters);
    merged.set(gauge.value, into);
  }
  return [...merged.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, counters]) => ({ value, counters }));
};
