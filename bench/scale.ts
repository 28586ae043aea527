import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { localClientConfig } from '../local/aws-local.ts';
import { startStackProcess, useStackProcess, type StackProcess } from './local-stack-process.ts';
import { section, type Section } from './report.ts';
import { ms, ratio, summarise } from './stats.ts';

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** The loaded complaints were submitted over the last 90 days (and a day more): the report spans them. */
const REPORT_RANGE = `from=${isoDay(-92)}&to=${isoDay(1)}`;

/** The staff reads measured at both sizes: the queue (three shapes) and the KPI report (two). */
export const SCALE_PROBES: { name: string; role: 'manager' | 'agent'; department?: string; path: string }[] =
  [
    { name: 'queue, all open (manager)', role: 'manager', path: '/v1/staff/complaints' },
    {
      name: 'queue, one department (agent)',
      role: 'agent',
      department: 'quality',
      path: '/v1/staff/complaints',
    },
    {
      name: 'queue, filtered L1, 100 rows (manager)',
      role: 'manager',
      path: '/v1/staff/complaints?severity=L1&limit=100',
    },
    {
      name: 'KPI report, 93 days by day (manager)',
      role: 'manager',
      path: `/v1/staff/reports/kpis?${REPORT_RANGE}`,
    },
    {
      name: 'KPI report, 93 days by week and department (manager)',
      role: 'manager',
      path: `/v1/staff/reports/kpis?${REPORT_RANGE}&groupBy=week&by=department`,
    },
  ];

const SAMPLES = 100;
const WRITERS = 4;

const CATEGORIES = ['product-quality', 'service-attitude', 'logistics', 'price-dispute', 'other'] as const;
const SUBJECTS = [
  '电热水壶底部漏水',
  '快递延误一周',
  '客服态度恶劣',
  '价格与宣传不符',
  '包装盒有压痕',
  '电暖器起火',
];

/**
 * The KPI counter items the stream consumer (functions/workflow/count-kpis.ts) would have built from
 * the loaded complaints' audit events, summed in memory: key → item with its counters.
 */
type CounterItems = Map<string, Record<string, unknown>>;

const addToCounters = (
  items: CounterItems,
  key: { pk: string; sk: string },
  labels: Record<string, string>,
  counters: Record<string, number>,
) => {
  const id = `${key.pk}|${key.sk}`;
  const item = items.get(id) ?? { ...key, ...labels };
  for (const [name, amount] of Object.entries(counters)) item[name] = ((item[name] as number) ?? 0) + amount;
  items.set(id, item);
};

/** A document client for one stack's DynamoDB Local. */
const tableClient = (stack: StackProcess): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(new DynamoDBClient(localClientConfig(stack.urls.dynamoDb)), {
    marshallOptions: { removeUndefinedValues: true },
  });

/** Writes `items` with BatchWriteItem (25 a request), retrying what DynamoDB Local leaves unprocessed. */
const batchPut = async (client: DynamoDBDocumentClient, items: readonly Record<string, unknown>[]) => {
  for (let start = 0; start < items.length; start += 25) {
    let unprocessed: BatchWriteCommandInput['RequestItems'] = {
      complaints: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (unprocessed?.complaints?.length) {
      const response: BatchWriteCommandOutput = await client.send(
        new BatchWriteCommand({ RequestItems: unprocessed }),
      );
      unprocessed = response.UnprocessedItems;
    }
  }
};

/**
 * Loads `count` triaged complaint items (built and triaged by the domain, with the queue attributes
 * the repository adds) with BatchWriteItem, `WRITERS` loops in parallel, until `count` or `budgetMs`,
 * and adds each one's KPI contribution (domain contributionOf over its triage event) to `counters`.
 * Not loaded: the audit event items and the counted-markers (no measured read touches them).
 */
const load = async (
  clients: readonly DynamoDBDocumentClient[],
  count: number,
  budgetMs: number,
  offset: number,
  counters: CounterItems,
): Promise<number> => {
  const { itemKeys } = await import('../functions/adapters/table.ts');
  const { toEvents } = await import('../functions/adapters/events.ts');
  const { currentPolicy } = await import('../functions/adapters/policy-source.ts');
  const { newComplaint, makeReference, validateIntake } = await import('../functions/domain/intake.ts');
  const { decideTriage } = await import('../functions/domain/lifecycle.ts');
  const { queueAttributes } = await import('../functions/domain/queue.ts');
  const { contributionOf } = await import('../functions/domain/kpi-counters.ts');
  const { reportDay, reportGroups } = await import('../functions/domain/kpi-report.ts');
  const { kpiShardOf } = await import('../functions/domain/kpi-shards.ts');
  const { policy, calendar } = currentPolicy();
  const item = (n: number) => {
    const submittedAt = new Date(Date.now() - (n % 90) * 86_400_000 - n * 1000);
    const validation = validateIntake(
      {
        customer: { name: '客户', email: `scale-${n}@example.com`, locale: n % 2 ? 'en' : 'zh-CN' },
        subject: SUBJECTS[n % SUBJECTS.length],
        description: `${SUBJECTS[n % SUBJECTS.length]}，编号 ${n}，请尽快处理并回复。`,
        categoryHint: CATEGORIES[n % CATEGORIES.length],
        consent: { dataProcessing: true },
      },
      submittedAt,
    );
    if (!validation.ok) throw new Error('scale sample is invalid');
    const id = ulid(submittedAt.getTime());
    const { complaint } = newComplaint(
      { kind: 'customer', request: validation.request },
      {
        id,
        reference: makeReference(submittedAt, randomBytes(6)),
        eventId: () => ulid(submittedAt.getTime()),
      },
      submittedAt,
    );
    const decision = decideTriage(policy, calendar, complaint, [], submittedAt);
    const triaged = { ...complaint, ...decision?.changes };
    const events = toEvents(id, decision?.events ?? [], { kind: 'system' }, submittedAt);
    const contribution = contributionOf(triaged.submittedAt, events);
    const day = reportDay(triaged.submittedAt, policy.calendar.timeZone);
    const shard = kpiShardOf(id);
    for (const { dimension, value } of reportGroups(triaged)) {
      addToCounters(
        counters,
        itemKeys.kpiDay(dimension, day, value, shard),
        { entity: 'kpi-day', day, value },
        contribution.daily,
      );
      addToCounters(
        counters,
        itemKeys.kpiNow(dimension, value, shard),
        { entity: 'kpi-now', value },
        contribution.now,
      );
    }
    return { ...itemKeys.complaint(id), entity: 'complaint', ...triaged, ...queueAttributes(triaged) };
  };
  const deadline = performance.now() + budgetMs;
  let next = 0;
  let written = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < count && performance.now() < deadline) {
        const batch = Array.from({ length: Math.min(25, count - next) }, () => item(offset + next++));
        await Promise.all(clients.map((client) => batchPut(client, batch)));
        written += batch.length;
      }
    }),
  );
  return written;
};

type Tokens = Map<string, string>;

/** One timed GET of `probe` on `stack`. */
const timedGet = async (stack: StackProcess, tokens: Tokens, probe: (typeof SCALE_PROBES)[number]) => {
  const started = performance.now();
  const response = await fetch(`${stack.urls.api}${probe.path}`, {
    headers: { authorization: `Bearer ${tokens.get(probe.name)!}` },
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${probe.name} answered ${response.status}`);
  return performance.now() - started;
};

/**
 * Each probe on both stacks, side by side: after a warm-up, `SAMPLES` pairs of GETs, the order within
 * a pair alternating, so that drift of the machine (load, JIT, GC) falls on both sizes alike.
 */
const probeSideBySide = async (
  small: { stack: StackProcess; tokens: Tokens },
  large: { stack: StackProcess; tokens: Tokens },
) => {
  const figures = new Map<
    string,
    { small: ReturnType<typeof summarise>; large: ReturnType<typeof summarise> }
  >();
  for (const probe of SCALE_PROBES) {
    for (let i = 0; i < 20; i += 1) {
      await timedGet(small.stack, small.tokens, probe);
      await timedGet(large.stack, large.tokens, probe);
    }
    const samples = { small: [] as number[], large: [] as number[] };
    for (let i = 0; i < SAMPLES; i += 1) {
      if (i % 2 === 0) {
        samples.small.push(await timedGet(small.stack, small.tokens, probe));
        samples.large.push(await timedGet(large.stack, large.tokens, probe));
      } else {
        samples.large.push(await timedGet(large.stack, large.tokens, probe));
        samples.small.push(await timedGet(small.stack, small.tokens, probe));
      }
    }
    figures.set(probe.name, { small: summarise(samples.small), large: summarise(samples.large) });
  }
  return figures;
};

/** Dev tokens for every probe's caller, signed with `stack`'s key. */
const tokensFor = async (stack: StackProcess): Promise<Tokens> => {
  useStackProcess(stack);
  const { issueDevToken } = await import('../local/auth/issue-token.ts');
  const tokens: Tokens = new Map();
  for (const probe of SCALE_PROBES)
    tokens.set(
      probe.name,
      await issueDevToken({ role: probe.role, department: probe.department, subject: `bench-${probe.role}` }),
    );
  return tokens;
};

/** Staff queue and KPI report latency with 1 k complaints, then with up to `target` loaded within `budgetMs`. */
export const benchScale = async (options: { target: number; budgetMs: number }): Promise<Section> => {
  const result = section('Scale: staff queue and KPI report at 1 k vs many complaints');
  // Two stacks side by side, each with its own DynamoDB Local: one keeps 1 k complaints, the other
  // gets the same 1 k and then up to `target`. Measured alternately, in one run.
  const [smallStack, largeStack] = await Promise.all([
    startStackProcess({ workflows: false }),
    startStackProcess({ workflows: false }),
  ]);
  try {
    const small = { stack: smallStack, tokens: await tokensFor(smallStack) };
    const large = { stack: largeStack, tokens: await tokensFor(largeStack) };
    const smallTable = tableClient(smallStack);
    const largeTable = tableClient(largeStack);
    const counters: CounterItems = new Map();
    const smallCount = await load([smallTable, largeTable], 1000, Number.POSITIVE_INFINITY, 0, counters);
    await batchPut(smallTable, [...counters.values()]);
    const counterItemsAtSmall = counters.size;
    const loadStarted = performance.now();
    const added = await load(
      [largeTable],
      options.target - smallCount,
      options.budgetMs,
      smallCount,
      counters,
    );
    await batchPut(largeTable, [...counters.values()]);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const largeCount = smallCount + added;
    const figures = await probeSideBySide(small, large);
    result.lines.push(
      `Triaged complaint items built by the domain (newComplaint, decideTriage, queueAttributes) written with BatchWriteItem (${WRITERS} writers) straight to DynamoDB Local, stack without workflows; ${added} items loaded in ${loadSeconds.toFixed(0)} s (${(added / loadSeconds).toFixed(0)} items/s). The KPI counter items are what the stream consumer would have made of the loaded complaints' triage events (domain contributionOf, summed per group, submission day and counter shard, keys and attributes as adapters/kpi-store.ts writes them) and are written the same way: ${counterItemsAtSmall} items at ${smallCount} complaints, ${counters.size} at ${largeCount}. Not loaded: audit event items and counted-markers (no measured read touches them). Two stacks run side by side, each with its own DynamoDB Local (one with ${smallCount} complaints, one with ${largeCount}); per probe, 20 warm-up pairs, then ${SAMPLES} pairs of sequential GETs, one on each stack, the order alternating within the pairs.`,
      '',
      `| probe | p50 at ${smallCount} | p99 at ${smallCount} | p50 at ${largeCount} | p99 at ${largeCount} | p50 ratio | p99 ratio |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const probe of SCALE_PROBES) {
      const { small: a, large: b } = figures.get(probe.name)!;
      const p50Ratio = b.p50 / a.p50;
      result.lines.push(
        `| ${probe.name} | ${ms(a.p50)} | ${ms(a.p99)} | ${ms(b.p50)} | ${ms(b.p99)} | ${ratio(p50Ratio)} | ${ratio(b.p99 / a.p99)} |`,
      );
      result.targets.push({
        name: `${probe.name}: p50 at ${largeCount} / at ${smallCount}`,
        value: ratio(p50Ratio),
        target: '≤ 1.30×',
        pass: p50Ratio <= 1.3,
      });
    }
    if (largeCount < options.target)
      result.notes.push(
        `Loaded ${largeCount} complaints, not ${options.target}: the load is capped at ${(options.budgetMs / 1000).toFixed(0)} s to keep the bench bounded on this machine (DynamoDB Local writes ${(added / loadSeconds).toFixed(0)} items/s with the four indexes).`,
      );
    result.notes.push(
      'The KPI report reads counter items (days × groups), never the complaints, so its latency does not depend on how many complaints there are once every day and group has its item.',
    );
    return result;
  } finally {
    await Promise.all([smallStack.stop(), largeStack.stop()]);
  }
};
