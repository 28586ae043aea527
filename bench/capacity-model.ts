/**
 * The capacity model: what one replayed complaint lifecycle used (bench/capacity.ts measures it on
 * the local stack), scaled to a daily volume and held against the quotas (bench/quotas.ts) and the
 * per-partition limits. Pure arithmetic, unit-tested.
 *
 * Scaling: new complaints arrive with a peak hour at 10× the day's average (1 M/day → 116/s); what
 * a complaint does at intake (until it awaits its first response) happens at that rate. What it
 * does later (staff actions, timers, follow-up) is spread over the working day (10 business hours:
 * 1 M/day → 28/s), as the issue's paper model has it. A partition key containing the complaint id,
 * or another opaque id (a hash, an outbox or event id), belongs to one complaint or entity: its use
 * is that complaint's busiest second, whatever the volume. Any other key is fixed and takes the whole
 * volume; one ending in a shard number (`…#7`) takes its share of the shards the code declares
 * (`declaredShards`), or of those seen where it declares none.
 */
import { ROUTE_THROTTLES } from '../infra/api-throttles.ts';
import { EXECUTION_HISTORY_LIMIT, PARTITION_LIMITS, QUOTAS, type Quota, type Usage } from './quotas.ts';

export const SECONDS_PER_DAY = 86_400;
export const PEAK_HOUR_FACTOR = 10;
export const WORKING_HOURS = 10;

/** Something a complaint does, split by when: at intake or later in its lifecycle. */
export interface PhaseAmount {
  intake: number;
  later: number;
}

/** Per second, for 1 complaint/day, of what one complaint does once in each phase. */
export const RATE_PER_DAILY_COMPLAINT: PhaseAmount = {
  intake: PEAK_HOUR_FACTOR / SECONDS_PER_DAY,
  later: 1 / (WORKING_HOURS * 3600),
};

/** Per second at `complaintsPerDay` of `amount` per complaint. */
export const peakRate = (amount: PhaseAmount, complaintsPerDay: number): number =>
  complaintsPerDay *
  (amount.intake * RATE_PER_DAILY_COMPLAINT.intake + amount.later * RATE_PER_DAILY_COMPLAINT.later);

// ---------------------------------------------------------------------------------------------
// Partition keys

export type KeyKind = 'complaint' | 'entity' | 'sharded' | 'fixed';

/** A segment that is an identifier rather than a name: long, with letters and digits (hash, ULID, UUID). */
const OPAQUE_SEGMENT = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_=+/.:-]{16,}$/u;
const SHARD_SUFFIX = /#(\d{1,4})$/u;

/** Whether a partition key belongs to one complaint or entity, is a shard, or is fixed; its pattern. */
export const classifyKey = (
  key: string,
  complaintId: string,
): { kind: KeyKind; pattern: string; shard?: string } => {
  if (complaintId !== '' && key.includes(complaintId))
    return { kind: 'complaint', pattern: key.replaceAll(complaintId, '<complaint id>') };
  const segments = key.split('#');
  if (segments.some((segment) => OPAQUE_SEGMENT.test(segment)))
    return {
      kind: 'entity',
      pattern: segments.map((segment) => (OPAQUE_SEGMENT.test(segment) ? '<id>' : segment)).join('#'),
    };
  const shard = SHARD_SUFFIX.exec(key);
  if (shard) return { kind: 'sharded', pattern: key.replace(SHARD_SUFFIX, '#<shard>'), shard: shard[1]! };
  return { kind: 'fixed', pattern: key };
};

/** One DynamoDB call as local/capacity-log.ts records it. */
export interface CapacityLogRecord {
  operation: string;
  at: number;
  failed?: boolean;
  capacity: CapacityEntry | CapacityEntry[] | null;
  reads: { index?: string; partition: string }[];
  writes: { partition: string; indexes: { index?: string; partition: string }[] }[];
}

interface CapacityEntry {
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

/** Units one call spent on one partition of the table (no index) or of an index. */
export interface PartitionUnits {
  index: string;
  partition: string;
  direction: 'write' | 'read';
  units: number;
  at: number;
}

export const TABLE = 'table';

/**
 * Splits a call's consumed capacity over the partitions it touched: the table's units over the
 * table items it wrote or read, each index's over the index rows it changed or read, in equal shares
 * (exact for single-item calls; a transaction reports one figure per table and index).
 */
export const partitionUnits = (record: CapacityLogRecord): PartitionUnits[] => {
  const writing = record.writes.length > 0;
  const touches = new Map<string, string[]>();
  const touch = (index: string, partition: string) =>
    touches.set(index, [...(touches.get(index) ?? []), partition]);
  for (const write of record.writes) {
    touch(TABLE, write.partition);
    for (const row of write.indexes) touch(row.index ?? TABLE, row.partition);
  }
  for (const read of record.reads) touch(read.index ?? TABLE, read.partition);
  const spent = new Map<string, number>();
  for (const entry of record.capacity === null ? [] : [record.capacity].flat()) {
    const indexes = entry.GlobalSecondaryIndexes ?? {};
    const indexUnits = Object.values(indexes).reduce((sum, each) => sum + (each.CapacityUnits ?? 0), 0);
    spent.set(
      TABLE,
      (spent.get(TABLE) ?? 0) + (entry.Table?.CapacityUnits ?? (entry.CapacityUnits ?? 0) - indexUnits),
    );
    for (const [name, each] of Object.entries(indexes))
      spent.set(name, (spent.get(name) ?? 0) + (each.CapacityUnits ?? 0));
  }
  return [...spent.entries()].flatMap(([index, units]) => {
    const partitions = touches.get(index) ?? ['(unattributed)'];
    return units === 0
      ? []
      : partitions.map((partition) => ({
          index,
          partition,
          direction: writing ? ('write' as const) : ('read' as const),
          units: units / partitions.length,
          at: record.at,
        }));
  });
};

/** The most `units` within any one second. */
export const busiestSecond = (events: readonly { at: number; units: number }[]): number => {
  const sorted = events.toSorted((a, b) => a.at - b.at);
  let best = 0;
  let sum = 0;
  let start = 0;
  for (const event of sorted) {
    sum += event.units;
    while (event.at - sorted[start]!.at >= 1000) {
      sum -= sorted[start]!.units;
      start += 1;
    }
    best = Math.max(best, sum);
  }
  return best;
};

/** One key pattern of the table or an index, as one lifecycle used it. */
export interface KeyUse {
  index: string;
  pattern: string;
  kind: KeyKind;
  /** Shard values seen (sharded keys). */
  shards: Set<string>;
  write: PhaseAmount;
  read: PhaseAmount;
  /** One complaint's busiest second on one key of this pattern (per-complaint and entity keys). */
  busiestWrite: number;
  busiestRead: number;
}

/** Units per key pattern of one lifecycle; `intakeEndedAt` splits the phases. */
export const keyUses = (
  records: readonly CapacityLogRecord[],
  complaintId: string,
  intakeEndedAt: number,
): KeyUse[] => {
  const uses = new Map<string, KeyUse>();
  const perKey = new Map<string, { use: KeyUse; write: PartitionUnits[]; read: PartitionUnits[] }>();
  for (const units of records.flatMap(partitionUnits)) {
    const { kind, pattern, shard } = classifyKey(units.partition, complaintId);
    const id = `${units.index}\u0000${pattern}`;
    let use = uses.get(id);
    if (!use) {
      use = {
        index: units.index,
        pattern,
        kind,
        shards: new Set(),
        write: { intake: 0, later: 0 },
        read: { intake: 0, later: 0 },
        busiestWrite: 0,
        busiestRead: 0,
      };
      uses.set(id, use);
    }
    if (shard !== undefined) use.shards.add(shard);
    use[units.direction][units.at <= intakeEndedAt ? 'intake' : 'later'] += units.units;
    const keyId = `${units.index}\u0000${units.partition}`;
    const key = perKey.get(keyId) ?? { use, write: [], read: [] };
    key[units.direction].push(units);
    perKey.set(keyId, key);
  }
  for (const { use, write, read } of perKey.values()) {
    use.busiestWrite = Math.max(use.busiestWrite, busiestSecond(write));
    use.busiestRead = Math.max(use.busiestRead, busiestSecond(read));
  }
  return [...uses.values()];
};

/** A key pattern over all lifecycles: the heaviest lifecycle's use, as a share of the partition limits. */
export interface KeyLoad {
  index: string;
  pattern: string;
  kind: KeyKind;
  spread: number;
  /** WCU/s and RCU/s on one partition of the pattern at `complaintsPerDay`. */
  writeUnitsPerSecond: (complaintsPerDay: number) => number;
  readUnitsPerSecond: (complaintsPerDay: number) => number;
}

/** The shard count the code declares for a sharded key pattern, when it declares one. */
export type DeclaredShards = (index: string, pattern: string) => number | undefined;

export const keyLoads = (
  lifecycles: readonly KeyUse[][],
  declaredShards: DeclaredShards = () => undefined,
): KeyLoad[] => {
  const grouped = new Map<string, KeyUse[]>();
  for (const use of lifecycles.flat()) {
    const id = `${use.index}\u0000${use.pattern}`;
    grouped.set(id, [...(grouped.get(id) ?? []), use]);
  }
  return [...grouped.values()].map((uses) => {
    const { index, pattern, kind } = uses[0]!;
    // The shards a few lifecycles touched are a lower bound on the count; the code's own is exact.
    const spread =
      kind === 'sharded'
        ? Math.max(new Set(uses.flatMap((use) => [...use.shards])).size, declaredShards(index, pattern) ?? 0)
        : 1;
    const perPartition = (direction: 'write' | 'read') => (complaintsPerDay: number) =>
      kind === 'complaint' || kind === 'entity'
        ? Math.max(...uses.map((use) => (direction === 'write' ? use.busiestWrite : use.busiestRead)))
        : Math.max(...uses.map((use) => peakRate(use[direction], complaintsPerDay))) / spread;
    return {
      index,
      pattern,
      kind,
      spread,
      writeUnitsPerSecond: perPartition('write'),
      readUnitsPerSecond: perPartition('read'),
    };
  });
};

/** The volume at which a use that grows linearly with it reaches `limit` (Infinity when it never does). */
export const volumeAtLimit = (useAt: (complaintsPerDay: number) => number, limit: number): number => {
  const perComplaintPerDay = useAt(1) - useAt(0);
  if (useAt(0) >= limit) return 0;
  return perComplaintPerDay <= 0 ? Infinity : Math.floor((limit - useAt(0)) / perComplaintPerDay);
};

// ---------------------------------------------------------------------------------------------
// Quotas

/** What one lifecycle used of each quota's measure. */
export type LifecycleUsage = Record<
  Exclude<Usage, 'openExecutions' | 'sesMessagesPerDay' | 'apiRouteRequests'>,
  PhaseAmount
> & {
  /** API requests by route key ("POST /v1/complaints"). */
  apiRequestsByRoute: Record<string, PhaseAmount>;
  /** Days its executions stay open, summed. */
  executionDays: number;
  sesMessages: number;
  historyEvents: number;
};

/**
 * A route's use, or without `route` the busiest route that has no throttle of its own (the stage
 * default limits each route separately).
 */
const routeRequests = (usage: LifecycleUsage, route: string | undefined, complaintsPerDay: number) => {
  const routes = Object.entries(usage.apiRequestsByRoute).filter(([key]) =>
    route === undefined ? !(key in ROUTE_THROTTLES) : key === route,
  );
  return Math.max(0, ...routes.map(([, amount]) => peakRate(amount, complaintsPerDay)));
};

export const useAtVolume = (
  usage: LifecycleUsage,
  measure: Usage,
  complaintsPerDay: number,
  route?: string,
): number => {
  switch (measure) {
    case 'apiRouteRequests':
      return routeRequests(usage, route, complaintsPerDay);
    case 'openExecutions':
      return complaintsPerDay * usage.executionDays;
    case 'sesMessagesPerDay':
      return complaintsPerDay * usage.sesMessages;
    default:
      return peakRate(usage[measure], complaintsPerDay);
  }
};

export interface Row {
  component: string;
  limit: string;
  use: number;
  unit: string;
  /** limit ÷ use at the reference volume. */
  headroom: number;
  /** Complaints/day at which the use reaches the limit. */
  reachedAt: number;
  raise: boolean;
  source?: string;
}

/** Each quota (heaviest lifecycle) and each key pattern at `complaintsPerDay`, with where it runs out. */
export const capacityRows = (
  usages: readonly LifecycleUsage[],
  keys: readonly KeyLoad[],
  complaintsPerDay: number,
  quotas: readonly Quota[] = QUOTAS,
): Row[] => {
  const rows: Row[] = quotas.map((quota) => {
    const useAt = (volume: number) =>
      Math.max(...usages.map((usage) => useAtVolume(usage, quota.usage, volume, quota.route)));
    const use = useAt(complaintsPerDay);
    return {
      component: quota.component,
      limit: `${quota.limit.toLocaleString('en-US')} ${quota.unit}`,
      use,
      unit: quota.unit,
      headroom: quota.limit / use,
      reachedAt: volumeAtLimit(useAt, quota.limit),
      raise: quota.raise === true,
      source: quota.source,
    };
  });
  const history = Math.max(...usages.map((usage) => usage.historyEvents));
  rows.push({
    component: 'Step Functions history per execution',
    limit: `${EXECUTION_HISTORY_LIMIT.events.toLocaleString('en-US')} events`,
    use: history,
    unit: 'events',
    headroom: EXECUTION_HISTORY_LIMIT.events / history,
    reachedAt: history >= EXECUTION_HISTORY_LIMIT.events ? 0 : Infinity,
    raise: false,
  });
  for (const key of keys)
    for (const [direction, limit, useAt] of [
      ['write', PARTITION_LIMITS.writeUnitsPerSecond, key.writeUnitsPerSecond],
      ['read', PARTITION_LIMITS.readUnitsPerSecond, key.readUnitsPerSecond],
    ] as const) {
      const use = useAt(complaintsPerDay);
      if (use === 0) continue;
      rows.push({
        component: `${key.index === TABLE ? 'table' : `index ${key.index}`} key \`${key.pattern}\` (${key.kind}${key.kind === 'sharded' ? `, ${key.spread} shards` : ''}) ${direction}s`,
        limit: `${limit.toLocaleString('en-US')} ${direction === 'write' ? 'WCU' : 'RCU'}/s`,
        use,
        unit: direction === 'write' ? 'WCU/s' : 'RCU/s',
        headroom: limit / use,
        reachedAt: volumeAtLimit(useAt, limit),
        raise: false,
      });
    }
  return rows;
};

/** The first limit reached on default quotas, leaving out those operators are told to raise. */
export const firstLimit = (rows: readonly Row[]): Row | undefined =>
  rows.filter((row) => !row.raise).toSorted((a, b) => a.reachedAt - b.reachedAt)[0];

// ---------------------------------------------------------------------------------------------
// Execution lifetime

export type PolicyDuration =
  { hours: number } | { minutes: number } | { workingHours: number } | { workingDays: number };

/** Calendar milliseconds a policy duration spans on average (5 working days a week, 10 hours a day). */
export const calendarMs = (duration: PolicyDuration): number => {
  const hour = 3_600_000;
  if ('hours' in duration) return duration.hours * hour;
  if ('minutes' in duration) return duration.minutes * 60_000;
  const week = 7 / 5;
  if ('workingDays' in duration) return duration.workingDays * 24 * hour * week;
  return duration.workingHours * (24 / WORKING_HOURS) * hour * week;
};

export interface FollowUp {
  surveyDelay: PolicyDuration;
  surveyWindow: PolicyDuration;
  reopenWindow: PolicyDuration;
}

/**
 * Days an execution stays open under the shipped policy, from one replayed under the bench's short
 * follow-up (staff acting at once): its measured span on the business clock, with the follow-up
 * waits it went through (survey delay and window when the complaint closed; the reopen window when
 * the execution outlived the close by at least half of it) at their shipped length instead.
 */
export const executionLifetimeDays = (measured: {
  businessMs: number;
  closed: boolean;
  businessMsAfterClose: number;
  bench: FollowUp;
  shipped: FollowUp;
}): number => {
  let ms = measured.businessMs;
  const swap = (period: keyof FollowUp) => {
    ms += calendarMs(measured.shipped[period]) - calendarMs(measured.bench[period]);
  };
  if (measured.closed) {
    swap('surveyDelay');
    swap('surveyWindow');
    if (measured.businessMsAfterClose >= calendarMs(measured.bench.reopenWindow) / 2) swap('reopenWindow');
  }
  return Math.max(0, ms) / 86_400_000;
};
