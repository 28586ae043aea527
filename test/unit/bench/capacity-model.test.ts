import { describe, expect, it } from 'vitest';
import {
  busiestSecond,
  capacityRows,
  classifyKey,
  executionLifetimeDays,
  firstLimit,
  keyLoads,
  keyUses,
  partitionUnits,
  peakRate,
  volumeAtLimit,
  type CapacityLogRecord,
  type LifecycleUsage,
} from '../../../bench/capacity-model.ts';
import type { Quota } from '../../../bench/quotas.ts';

const ID = '01M8FG6WJ9MBVSGMFY67MPKX6M';

describe('peakRate', () => {
  it('puts intake at a peak hour of 10× the average and later steps over 10 working hours', () => {
    expect(peakRate({ intake: 1, later: 0 }, 1_000_000)).toBeCloseTo(115.74, 2);
    expect(peakRate({ intake: 0, later: 1 }, 1_000_000)).toBeCloseTo(27.78, 2);
    expect(peakRate({ intake: 2, later: 3 }, 500_000)).toBeCloseTo((2 * 115.74 + 3 * 27.78) / 2, 1);
  });
});

describe('classifyKey', () => {
  it('tells per-complaint, per-entity, sharded and fixed keys apart', () => {
    expect(classifyKey(`COMPLAINT#${ID}`, ID)).toEqual({
      kind: 'complaint',
      pattern: 'COMPLAINT#<complaint id>',
    });
    expect(classifyKey('DELIVERY#9f2c1e7a5b3d4c8e9f01', ID)).toEqual({
      kind: 'entity',
      pattern: 'DELIVERY#<id>',
    });
    expect(classifyKey('2fTD1ctDYe2s4pdgj5T2yzg7ioE6TQHj1DuCFlC0Kqw', ID).kind).toBe('entity');
    expect(classifyKey('KPI#all#7', ID)).toEqual({ kind: 'sharded', pattern: 'KPI#all#<shard>', shard: '7' });
    expect(classifyKey('KPI#all', ID)).toEqual({ kind: 'fixed', pattern: 'KPI#all' });
    expect(classifyKey('all#open', ID)).toEqual({ kind: 'fixed', pattern: 'all#open' });
    expect(classifyKey('2026-11', ID)).toEqual({ kind: 'fixed', pattern: '2026-11' });
  });
});

describe('busiestSecond', () => {
  it('sums units within any one-second window', () => {
    const events = [0, 200, 900, 1500, 1600, 1700, 5000].map((at) => ({ at, units: 1 }));
    expect(busiestSecond(events)).toBe(4); // 900, 1500, 1600, 1700
    expect(busiestSecond([])).toBe(0);
  });
});

const transaction: CapacityLogRecord = {
  operation: 'TransactWriteItems',
  at: 1000,
  capacity: [
    {
      CapacityUnits: 16,
      Table: { CapacityUnits: 8 },
      GlobalSecondaryIndexes: { queueAll: { CapacityUnits: 8 } },
    },
  ],
  reads: [],
  writes: [
    {
      partition: `COMPLAINT#${ID}`,
      indexes: [
        { index: 'queueAll', partition: 'all#open' },
        { index: 'queueAll', partition: 'all#done' },
      ],
    },
    { partition: `COMPLAINT#${ID}`, indexes: [] },
  ],
};

describe('partitionUnits', () => {
  it('splits the table’s and each index’s units evenly over what the call touched there', () => {
    expect(partitionUnits(transaction)).toEqual([
      { index: 'table', partition: `COMPLAINT#${ID}`, direction: 'write', units: 4, at: 1000 },
      { index: 'table', partition: `COMPLAINT#${ID}`, direction: 'write', units: 4, at: 1000 },
      { index: 'queueAll', partition: 'all#open', direction: 'write', units: 4, at: 1000 },
      { index: 'queueAll', partition: 'all#done', direction: 'write', units: 4, at: 1000 },
    ]);
  });

  it('gives a read’s units to the partition it read, the total to the table without a breakdown', () => {
    expect(
      partitionUnits({
        operation: 'GetItem',
        at: 5,
        capacity: { CapacityUnits: 0.5 },
        reads: [{ partition: 'KPI#all' }],
        writes: [],
      }),
    ).toEqual([{ index: 'table', partition: 'KPI#all', direction: 'read', units: 0.5, at: 5 }]);
  });
});

const usage = (over: Partial<LifecycleUsage> = {}): LifecycleUsage => ({
  stateTransitions: { intake: 6, later: 24 },
  startExecutions: { intake: 1, later: 0 },
  lambdaConcurrency: { intake: 0.5, later: 1 },
  apiRequests: { intake: 2, later: 4 },
  apiRequestsByRoute: {
    'POST /v1/complaints': { intake: 1, later: 0 },
    'GET /v1/challenge': { intake: 1, later: 0 },
    'GET /v1/staff/complaints/{id}': { intake: 0, later: 3 },
    'POST /v1/staff/complaints/{id}/actions': { intake: 0, later: 1 },
  },
  sesMessagesPerSecond: { intake: 1, later: 3 },
  tableWriteUnits: { intake: 20, later: 100 },
  tableReadUnits: { intake: 5, later: 50 },
  executionDays: 40,
  sesMessages: 4,
  historyEvents: 80,
  ...over,
});

const quotas: Quota[] = [
  {
    component: 'transitions',
    limit: 1500,
    unit: '/s',
    usage: 'stateTransitions',
    adjustable: true,
    source: 's',
  },
  {
    component: 'open executions',
    limit: 1_000_000,
    unit: 'executions',
    usage: 'openExecutions',
    adjustable: true,
    raise: true,
    source: 's',
  },
];

describe('capacityRows and firstLimit', () => {
  it('scales each quota by the heaviest lifecycle and finds the volume at which it runs out', () => {
    const rows = capacityRows(
      [usage(), usage({ stateTransitions: { intake: 8, later: 30 } })],
      [],
      1_000_000,
      quotas,
    );
    const transitions = rows.find((row) => row.component === 'transitions')!;
    const perDay = 8 * (10 / 86_400) + 30 / 36_000;
    expect(transitions.use).toBeCloseTo(1_000_000 * perDay, 3);
    expect(transitions.reachedAt).toBe(Math.floor(1500 / perDay));
    expect(rows.find((row) => row.component === 'open executions')!.reachedAt).toBe(25_000);
  });

  it('leaves the quotas operators raise out of the first limit', () => {
    const rows = capacityRows([usage()], [], 1_000_000, quotas);
    expect(firstLimit(rows)!.component).toBe('transitions');
  });

  it('holds a fixed key against the partition limit at the whole volume, a per-complaint key at its busiest second', () => {
    const writes = (partition: string, at: number, units: number): CapacityLogRecord => ({
      operation: 'PutItem',
      at,
      capacity: { CapacityUnits: units, Table: { CapacityUnits: units } },
      reads: [],
      writes: [{ partition, indexes: [] }],
    });
    const records = [
      writes('KPI#all', 100, 2), // intake
      writes(`COMPLAINT#${ID}`, 100, 3),
      writes(`COMPLAINT#${ID}`, 400, 3),
      writes('KPI#all', 5000, 4), // later
    ];
    const keys = keyLoads([keyUses(records, ID, 1000)]);
    const kpi = keys.find((key) => key.pattern === 'KPI#all')!;
    expect(kpi.writeUnitsPerSecond(1_000_000)).toBeCloseTo(peakRate({ intake: 2, later: 4 }, 1_000_000), 6);
    const complaint = keys.find((key) => key.kind === 'complaint')!;
    expect(complaint.writeUnitsPerSecond(1_000_000)).toBe(6);
    expect(complaint.writeUnitsPerSecond(10)).toBe(6);
    const rows = capacityRows([usage()], keys, 1_000_000, []);
    const first = firstLimit(rows)!;
    expect(first.component).toContain('KPI#all');
    expect(first.reachedAt).toBe(volumeAtLimit(kpi.writeUnitsPerSecond, 1000));
  });

  it('divides a sharded key over the shards seen', () => {
    const record = (partition: string): CapacityLogRecord => ({
      operation: 'PutItem',
      at: 0,
      capacity: { CapacityUnits: 1 },
      reads: [],
      writes: [{ partition, indexes: [] }],
    });
    const keys = keyLoads([
      keyUses([record('KPI#all#1')], ID, 10),
      keyUses([record('KPI#all#2')], '01M8FG6WJ9MBVSGMFY67MPKX7Z', 10),
    ]);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.spread).toBe(2);
    expect(keys[0]!.writeUnitsPerSecond(1_000_000)).toBeCloseTo(
      peakRate({ intake: 1, later: 0 }, 1_000_000) / 2,
      6,
    );
  });
});

describe('executionLifetimeDays', () => {
  const bench = { surveyDelay: { hours: 1 }, surveyWindow: { hours: 2 }, reopenWindow: { hours: 1 } };
  const shipped = {
    surveyDelay: { workingDays: 2 },
    surveyWindow: { hours: 168 },
    reopenWindow: { hours: 720 },
  };
  const hour = 3_600_000;

  it('swaps the bench’s follow-up waits for the shipped ones, the reopen window when the execution waited it', () => {
    expect(
      executionLifetimeDays({
        businessMs: 5 * hour,
        closed: true,
        businessMsAfterClose: hour,
        bench,
        shipped,
      }),
    ).toBeCloseTo((hour + 2 * 24 * hour * 1.4 + 168 * hour + 720 * hour) / 86_400_000, 6);
  });

  it('keeps the reopen window out when the execution ends at close', () => {
    expect(
      executionLifetimeDays({ businessMs: 4 * hour, closed: true, businessMsAfterClose: 0, bench, shipped }),
    ).toBeCloseTo((hour + 2 * 24 * hour * 1.4 + 168 * hour) / 86_400_000, 6);
  });
});

describe('API route throttles', () => {
  it('holds each throttled route against its own limit and the other routes, one by one, against the stage default', () => {
    const rows = capacityRows([usage()], [], 1_000_000);
    const intake = rows.find((row) => row.component.includes('POST /v1/complaints'))!;
    expect(intake.use).toBeCloseTo(peakRate({ intake: 1, later: 0 }, 1_000_000), 6);
    const stage = rows.find((row) => row.component.startsWith('API stage default'))!;
    // The busiest route without its own throttle, not the sum of them.
    expect(stage.use).toBeCloseTo(peakRate({ intake: 0, later: 3 }, 1_000_000), 6);
  });
});
