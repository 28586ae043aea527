import type { ComplaintContribution, Counters } from './kpi-counters.ts';

/**
 * Folding a stream batch's counter changes into few transactions. Each counted event has a marker
 * (written once, with a condition that it is new) and increments on counter items; DynamoDB takes at
 * most 100 items per transaction and never the same item twice, so the increments of several events
 * on one item are summed into one update while every event keeps its own marker. Events are folded
 * per counter shard (domain/kpi-shards.ts): a transaction then touches one shard's items only, and two
 * consumers collide only when they write the same shard at the same moment.
 */

/** The most items one DynamoDB transaction may carry (TransactWriteItems). */
export const TRANSACTION_ITEM_LIMIT = 100;

/** A counter item: a group's day counters or "now" gauges in one shard, or a surge bucket. */
export type CounterItem =
  | { kind: 'day'; shard: number; dimension: string; value: string; day: string }
  | { kind: 'now'; shard: number; dimension: string; value: string }
  | { kind: 'surge'; dimension: string; value: string; bucket: string };

export interface CounterChange {
  item: CounterItem;
  counters: Counters;
}

/** One event's marker (its id) and the increments it adds. */
export interface EventCounts {
  eventId: string;
  shard: number;
  changes: CounterChange[];
}

/** One transaction: the markers of the events in it and their increments, summed per item. */
export interface FoldedCounts {
  eventIds: string[];
  changes: CounterChange[];
}

/** What one event adds: its contribution to each group's day item and gauges, and its surge buckets. */
export const countsOfEvent = (target: {
  eventId: string;
  shard: number;
  day: string;
  groups: readonly { dimension: string; value: string }[];
  delta: ComplaintContribution;
  surgeBuckets?: readonly { dimension: string; value: string; bucket: string }[] | undefined;
}): EventCounts => {
  const { shard, day, delta } = target;
  const changes: CounterChange[] = [];
  for (const { dimension, value } of target.groups) {
    if (Object.keys(delta.daily).length > 0)
      changes.push({ item: { kind: 'day', shard, dimension, value, day }, counters: delta.daily });
    if (Object.keys(delta.now).length > 0)
      changes.push({ item: { kind: 'now', shard, dimension, value }, counters: delta.now });
  }
  for (const { dimension, value, bucket } of target.surgeBuckets ?? [])
    changes.push({ item: { kind: 'surge', dimension, value, bucket }, counters: { count: 1 } });
  return { eventId: target.eventId, shard, changes };
};

/** One string per counter item: two changes with the same one are the same item. */
export const counterItemId = (item: CounterItem): string =>
  item.kind === 'day'
    ? `day\u0000${item.shard}\u0000${item.dimension}\u0000${item.value}\u0000${item.day}`
    : item.kind === 'now'
      ? `now\u0000${item.shard}\u0000${item.dimension}\u0000${item.value}`
      : `surge\u0000${item.dimension}\u0000${item.value}\u0000${item.bucket}`;

interface Building {
  eventIds: string[];
  changes: Map<string, CounterChange>;
}

const sealed = ({ eventIds, changes }: Building): FoldedCounts => ({
  eventIds,
  changes: [...changes.values()]
    .map(({ item, counters }) => ({
      item,
      // Increments that cancel out (+1 open, then −1 open) need no write.
      counters: Object.fromEntries(Object.entries(counters).filter(([, amount]) => amount !== 0)),
    }))
    .filter((change) => Object.keys(change.counters).length > 0),
});

/**
 * The events' changes as transactions: per shard (in the order the shards first appear), as many
 * events per transaction as fit in `limit` items (markers plus distinct counter items), in event
 * order. Every event keeps its marker; nothing is dropped but increments that sum to zero.
 */
export const foldCounts = (
  events: readonly EventCounts[],
  limit: number = TRANSACTION_ITEM_LIMIT,
): FoldedCounts[] => {
  const byShard = new Map<number, EventCounts[]>();
  for (const event of events) byShard.set(event.shard, [...(byShard.get(event.shard) ?? []), event]);
  const folded: FoldedCounts[] = [];
  for (const shardEvents of byShard.values()) {
    let building: Building = { eventIds: [], changes: new Map() };
    for (const event of shardEvents) {
      const ids = new Set(event.changes.map((change) => counterItemId(change.item)));
      const added = [...ids].filter((id) => !building.changes.has(id)).length;
      const size = building.eventIds.length + building.changes.size;
      if (building.eventIds.length > 0 && size + 1 + added > limit) {
        folded.push(sealed(building));
        building = { eventIds: [], changes: new Map() };
      }
      if (1 + ids.size > limit)
        throw new Error(`Event ${event.eventId} alone needs more than ${limit} items`);
      building.eventIds.push(event.eventId);
      for (const change of event.changes) {
        const id = counterItemId(change.item);
        const into = building.changes.get(id) ?? { item: change.item, counters: {} };
        for (const [name, amount] of Object.entries(change.counters))
          into.counters[name] = (into.counters[name] ?? 0) + amount;
        building.changes.set(id, into);
      }
    }
    if (building.eventIds.length > 0) folded.push(sealed(building));
  }
  return folded;
};
