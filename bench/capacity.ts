import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { localClientConfig } from '../local/aws-local.ts';
import { REPO_ROOT } from '../local/paths.ts';
import {
  capacityRows,
  executionLifetimeDays,
  firstLimit,
  keyLoads,
  keyUses,
  partitionUnits,
  type CapacityLogRecord,
  type FollowUp,
  type LifecycleUsage,
  type PhaseAmount,
  type Row,
  TABLE,
} from './capacity-model.ts';
import { BENCH_FOLLOW_UP, benchLifecycles, RequestTally, writeBenchPolicy } from './lifecycles.ts';
import { startStackProcess, useStackProcess, type StackProcess } from './local-stack-process.ts';
import { PARTITION_LIMITS } from './quotas.ts';
import { INDEX_KEY_SHARDS } from '../functions/domain/key-shards.ts';
import { KPI_COUNTER_SHARDS } from '../functions/domain/kpi-shards.ts';
import { SHARDED_INDEXES } from '../functions/adapters/table.ts';
import type { DeclaredShards } from './capacity-model.ts';
import { section, type Section } from './report.ts';
import { workflowClient } from './stack-client.ts';

const SLA_TIME_SCALE = 3600;

/**
 * The shard counts the code declares: KPI counter items (table `KPI#…#<shard>`) and the index
 * partitions split by complaint (domain/key-shards.ts), so the model divides by the real count rather
 * than by the few shards three lifecycles happen to touch.
 */
const declaredShards: DeclaredShards = (index, pattern) => {
  if (index === TABLE) return pattern.startsWith('KPI#') ? KPI_COUNTER_SHARDS : undefined;
  return (SHARDED_INDEXES as readonly string[]).includes(index) ? INDEX_KEY_SHARDS : undefined;
};
const REFERENCE_VOLUME = 1_000_000;

const lines = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);

interface Files {
  capacity: string;
  invocations: string;
  calls: string;
}

const phased = () => ({ intake: 0, later: 0 });

/** What one lifecycle used, from the logs the stack wrote while it ran (alone). */
const measure = async (
  stack: StackProcess,
  files: Files,
  epochMs: number,
  run: (tally: RequestTally) => Promise<string>,
  getComplaint: (id: string) => Promise<{ closedAt?: string | undefined } | undefined>,
) => {
  const before = {
    capacity: lines(files.capacity).length,
    invocations: lines(files.invocations).length,
    calls: lines(files.calls).length,
  };
  const tally = new RequestTally();
  const complaintId = await run(tally);
  await new Promise((resolve) => setTimeout(resolve, 1500)); // let trailing tasks and mail finish
  const intakeEndedAt = tally.intakeEndedAt ?? Infinity;
  const phase = (at: number) => (at <= intakeEndedAt ? 'intake' : 'later');
  const records = lines<CapacityLogRecord>(files.capacity).slice(before.capacity);
  const invocations = lines<{ functionName: string; ms: number; at: number }>(files.invocations).slice(
    before.invocations,
  );
  const calls = lines<{ service: string; operation: string; at: number }>(files.calls).slice(before.calls);
  const history = await workflowClient(stack).history(complaintId);

  const usage: LifecycleUsage = {
    stateTransitions: phased(),
    startExecutions: phased(),
    lambdaConcurrency: phased(),
    apiRequests: {
      intake: [...tally.intake.values()].reduce((a, b) => a + b, 0),
      later: [...tally.later.values()].reduce((a, b) => a + b, 0),
    },
    apiRequestsByRoute: Object.fromEntries(
      [...new Set([...tally.intake.keys(), ...tally.later.keys()])].map((route) => [
        route,
        { intake: tally.intake.get(route) ?? 0, later: tally.later.get(route) ?? 0 },
      ]),
    ),
    sesMessagesPerSecond: phased(),
    tableWriteUnits: phased(),
    tableReadUnits: phased(),
    executionDays: 0,
    sesMessages: 0,
    historyEvents: history.length,
  };
  const add = (amount: PhaseAmount, at: number, value = 1) => {
    amount[phase(at)] += value;
  };
  for (const event of history)
    if (event.type?.endsWith('StateEntered')) add(usage.stateTransitions, event.timestamp!.getTime());
  for (const call of calls) {
    if (call.service === 'states' && call.operation === 'StartExecution') add(usage.startExecutions, call.at);
    if (call.service === 'ses' && call.operation.startsWith('Send')) {
      add(usage.sesMessagesPerSecond, call.at);
      usage.sesMessages += 1;
    }
  }
  // As the cost bench: the local poller hands every stream batch to the lifecycle starter, the event
  // source mapping's filter in AWS one per complaint; count the longest (the one that started it).
  const starts = invocations.filter(({ functionName }) => functionName === 'StartLifecycle');
  const counted = [
    ...invocations.filter(({ functionName }) => functionName !== 'StartLifecycle'),
    ...starts.toSorted((a, b) => b.ms - a.ms).slice(0, 1),
  ];
  // Concurrency = arrivals × duration (Little's law): seconds of Lambda per complaint in each phase.
  for (const { ms, at } of counted) add(usage.lambdaConcurrency, at, ms / 1000);
  for (const units of records.flatMap(partitionUnits))
    add(units.direction === 'write' ? usage.tableWriteUnits : usage.tableReadUnits, units.at, units.units);

  // The execution's lifetime under the shipped follow-up (bench/capacity-model.ts).
  const sfn = new SFNClient(localClientConfig(stack.urls.stepFunctions));
  const execution = await sfn.send(
    new DescribeExecutionCommand({
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:complaint-lifecycle:${complaintId}`,
    }),
  );
  sfn.destroy();
  const started = execution.startDate!.getTime();
  const stopped = (execution.stopDate ?? new Date()).getTime();
  const closedAt = (await getComplaint(complaintId))?.closedAt;
  const closedReal = closedAt ? epochMs + (Date.parse(closedAt) - epochMs) / SLA_TIME_SCALE : stopped;
  const shipped = (
    JSON.parse(readFileSync(join(REPO_ROOT, 'policy/complaint-policy.json'), 'utf8')) as {
      followUp: FollowUp;
    }
  ).followUp;
  usage.executionDays = executionLifetimeDays({
    businessMs: (stopped - started) * SLA_TIME_SCALE,
    closed: closedAt !== undefined,
    businessMsAfterClose: Math.max(0, stopped - closedReal) * SLA_TIME_SCALE,
    bench: BENCH_FOLLOW_UP,
    shipped,
  });
  return { complaintId, usage, keys: keyUses(records, complaintId, intakeEndedAt), tally };
};

const volume = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'never');
const figure = (n: number) =>
  n >= 100 ? Math.round(n).toLocaleString('en-US') : n >= 1 ? n.toFixed(1) : n.toPrecision(2);

/**
 * The capacity model: the cost bench's lifecycles replayed with every DynamoDB call's capacity and
 * partitions, every Lambda invocation, Step Functions and SES call logged; scaled to a daily volume
 * and held against bench/quotas.ts.
 */
export const benchCapacity = async (): Promise<Section> => {
  const result = section('Capacity model: where the first limit is');
  const dir = mkdtempSync(join(tmpdir(), 'complaints-capacity-'));
  const files: Files = {
    capacity: join(dir, 'capacity.jsonl'),
    invocations: join(dir, 'invocations.jsonl'),
    calls: join(dir, 'calls.jsonl'),
  };
  for (const file of [files.capacity, files.invocations, files.calls]) writeFileSync(file, '');
  const epochMs = Date.now();
  const stack = await startStackProcess({
    slaTimeScale: SLA_TIME_SCALE,
    env: {
      CONSUMED_CAPACITY_LOG: files.capacity,
      LAMBDA_INVOCATION_LOG: files.invocations,
      AWS_CALL_LOG: files.calls,
      POLICY_FILE: writeBenchPolicy(dir),
      SLA_CLOCK_EPOCH_MS: String(epochMs),
    },
  });
  try {
    useStackProcess(stack);
    const { warmUp, lifecycles, getComplaint, workflow } = await benchLifecycles(stack);
    await warmUp();
    const measured = [];
    for (const lifecycle of lifecycles)
      measured.push({
        name: lifecycle.name,
        ...(await measure(stack, files, epochMs, lifecycle.run, getComplaint)),
      });
    workflow.destroy();

    const usages = measured.map((each) => each.usage);
    const keys = keyLoads(
      measured.map((each) => each.keys),
      declaredShards,
    );
    const rows = capacityRows(usages, keys, REFERENCE_VOLUME);
    const first = firstLimit(rows);
    const n = first?.reachedAt ?? Infinity;

    result.lines.push(
      `The cost bench's lifecycles (${measured.map((each) => each.name).join(', ')}), each alone on the local stack (SLA clock ${SLA_TIME_SCALE}× faster), with every DynamoDB call asking for ReturnConsumedCapacity INDEXES and logging the partitions it read and wrote — for a write the table item's and every index row it changed, from the item before and after and the index declarations in functions/adapters/table.ts (local/capacity-log.ts) — plus every Lambda invocation, Step Functions and SES call. Scaled to a daily volume: intake (until the complaint awaits its first response) at a peak hour of 10× the average (1 M/day → 116 complaints/s), later steps over 10 working hours (1 M/day → 28/s); each quota at the heaviest of the lifecycles. Quotas and their sources: bench/quotas.ts.`,
      '',
      '| lifecycle | transitions (intake + later) | StartExecution | Lambda s (intake + later) | WRU | RRU | API requests (intake + later) | SES | execution open (days, shipped follow-up) | history events |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...measured.map(({ name, usage: u }) => {
        const both = (a: PhaseAmount, digits = 0) =>
          `${a.intake.toFixed(digits)} + ${a.later.toFixed(digits)}`;
        return `| ${name} | ${both(u.stateTransitions)} | ${u.startExecutions.intake + u.startExecutions.later} | ${both(u.lambdaConcurrency, 2)} | ${(u.tableWriteUnits.intake + u.tableWriteUnits.later).toFixed(1)} | ${(u.tableReadUnits.intake + u.tableReadUnits.later).toFixed(1)} | ${both(u.apiRequests)} | ${u.sesMessages} | ${u.executionDays.toFixed(1)} | ${u.historyEvents} |`;
      }),
      '',
      'API requests per route (all lifecycles): ' +
        [
          ...measured
            .flatMap(({ tally }) => [...tally.intake.entries(), ...tally.later.entries()])
            .reduce(
              (sum, [route, count]) => sum.set(route, (sum.get(route) ?? 0) + count),
              new Map<string, number>(),
            )
            .entries(),
        ]
          .map(([route, count]) => `${route} ${count}`)
          .join(', '),
      '',
      '| component | limit | use at 1 M/day | headroom | limit reached at (complaints/day) |',
      '| --- | --- | --- | --- | --- |',
      ...rows
        .toSorted((a, b) => a.reachedAt - b.reachedAt)
        .map(
          (row: Row) =>
            `| ${row.component}${row.raise ? ' (raise: README)' : ''} | ${row.limit} | ${figure(row.use)} ${row.unit} | ${row.headroom >= 1000 ? '>1,000' : figure(row.headroom)}× | ${volume(row.reachedAt)} |`,
        ),
      '',
      `Per key pattern, the busiest partition as % of the per-partition limit (${PARTITION_LIMITS.writeUnitsPerSecond.toLocaleString('en-US')} WCU/s, ${PARTITION_LIMITS.readUnitsPerSecond.toLocaleString('en-US')} RCU/s), at 1 M/day and at N = ${volume(n)}/day; target ≤ 50 % at 1 M/day:`,
      '',
      '| table / index | key pattern | kind | writes at 1 M/day | reads at 1 M/day | writes at N | reads at N |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...keys
        .toSorted((a, b) => b.writeUnitsPerSecond(REFERENCE_VOLUME) - a.writeUnitsPerSecond(REFERENCE_VOLUME))
        .map((key) => {
          const percent = (use: number, limit: number) => `${figure((100 * use) / limit)} %`;
          const at = (volumeAt: number) =>
            [
              percent(key.writeUnitsPerSecond(volumeAt), PARTITION_LIMITS.writeUnitsPerSecond),
              percent(key.readUnitsPerSecond(volumeAt), PARTITION_LIMITS.readUnitsPerSecond),
            ].join(' | ');
          return `| ${key.index} | \`${key.pattern}\` | ${key.kind}${key.kind === 'sharded' ? ` (${key.spread} shards)` : ''} | ${at(REFERENCE_VOLUME)} | ${Number.isFinite(n) ? at(n) : '– | –'} |`;
        }),
      '',
      'Quota increases still needed (README, Operations):',
      '',
      ...rows
        .filter((row) => row.raise)
        .map(
          (row) =>
            `- ${row.component}: default ${row.limit}; at 1 M/day the use is ${figure(row.use)} ${row.unit}, so request at least ${figure(row.use * 2)} ${row.unit} (50 % headroom). Source: ${row.source}`,
        ),
      '',
      `capacity: first limit reached at ${volume(n)} complaints/day (${first?.component ?? 'none'})`,
    );
    const hottest = Math.max(
      ...keys.map((key) =>
        Math.max(
          key.writeUnitsPerSecond(REFERENCE_VOLUME) / PARTITION_LIMITS.writeUnitsPerSecond,
          key.readUnitsPerSecond(REFERENCE_VOLUME) / PARTITION_LIMITS.readUnitsPerSecond,
        ),
      ),
    );
    result.targets.push(
      {
        name: 'first limit on default quotas (other than README raises)',
        value: `${volume(n)} complaints/day`,
        target: '≥ 1,000,000',
        pass: n >= REFERENCE_VOLUME,
      },
      {
        name: 'hottest partition at 1 M/day',
        value: `${figure(hottest * 100)} % of its limit`,
        target: '≤ 50 %',
        pass: hottest <= 0.5,
      },
    );
    result.notes.push(
      'Kinds: a key containing the complaint id (complaint) or another opaque id (entity: a hash, an event or outbox id) belongs to one complaint, so its use is that complaint’s busiest second in the replay (an upper bound: waits of hours pass in a second at the bench clock) whatever the volume; any other key is fixed and takes the whole volume, one ending in a shard number its share of the shards the code declares (KPI_COUNTER_SHARDS, INDEX_KEY_SHARDS), or of those seen where it declares none (a lower bound on the count, so an upper bound on the share). A transaction reports one capacity figure per table and index: it is split evenly over the items and index rows it wrote. Lambda concurrency = invocations × duration on this machine (warm, local runtime). Execution lifetime: the replayed execution (staff act at once) with its follow-up waits at the shipped policy’s lengths (working days at 7/5 calendar days each). Not modelled: contention of concurrent transactions on one item (below the partition limit, TransactionConflict cancels them), Step Functions SendTask* and other API throttles, Lambda burst scaling.',
    );
    return result;
  } finally {
    await stack.stop();
  }
};
