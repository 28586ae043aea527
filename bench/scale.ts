import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
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

const SAMPLES = 60;
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

let loader: DynamoDBDocumentClient | undefined;

/** Writes `items` with BatchWriteItem (25 a request), retrying what DynamoDB Local leaves unprocessed. */
const batchPut = async (items: readonly Record<string, unknown>[]) => {
  // The stack process's DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB), as the functions see it.
  loader ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  for (let start = 0; start < items.length; start += 25) {
    let unprocessed: BatchWriteCommandInput['RequestItems'] = {
      complaints: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (unprocessed?.complaints?.length) {
      const response: BatchWriteCommandOutput = await loader.send(
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
      validation.request,
      { id, reference: makeReference(submittedAt, randomBytes(6)), eventId: ulid(submittedAt.getTime()) },
      submittedAt,
    );
    const decision = decideTriage(policy, calendar, complaint, [], submittedAt);
    const triaged = { ...complaint, ...decision?.changes };
    const events = toEvents(id, decision?.events ?? [], { kind: 'system' }, submittedAt);
    const contribution = contributionOf(triaged.submittedAt, events);
    const day = reportDay(triaged.submittedAt, policy.calendar.timeZone);
    for (const { dimension, value } of reportGroups(triaged)) {
      addToCounters(
        counters,
        itemKeys.kpiDay(dimension, day, value),
        { entity: 'kpi-day', day, value },
        contribution.daily,
      );
      addToCounters(
        counters,
        itemKeys.kpiNow(dimension, value),
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
        await batchPut(batch);
        written += batch.length;
      }
    }),
  );
  return written;
};

const probeLatencies = async (stack: StackProcess, tokens: Map<string, string>) => {
  const figures = new Map<string, ReturnType<typeof summarise>>();
  for (const probe of SCALE_PROBES) {
    const token = tokens.get(probe.name)!;
    const get = async () => {
      const started = performance.now();
      const response = await fetch(`${stack.urls.api}${probe.path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${probe.name} answered ${response.status}`);
      return performance.now() - started;
    };
    for (let i = 0; i < 20; i += 1) await get(); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) samples.push(await get());
    figures.set(probe.name, summarise(samples));
  }
  return figures;
};

/** Staff queue and KPI report latency with 1 k complaints, then with up to `target` loaded within `budgetMs`. */
export const benchScale = async (options: { target: number; budgetMs: number }): Promise<Section> => {
  const result = section('Scale: staff queue and KPI report at 1 k vs many complaints');
  const stack = await startStackProcess({ workflows: false });
  try {
    useStackProcess(stack);
    const { issueDevToken } = await import('../local/auth/issue-token.ts');
    const tokens = new Map<string, string>();
    for (const probe of SCALE_PROBES)
      tokens.set(
        probe.name,
        await issueDevToken({
          role: probe.role,
          department: probe.department,
          subject: `bench-${probe.role}`,
        }),
      );
    const counters: CounterItems = new Map();
    const small = await load(1000, Number.POSITIVE_INFINITY, 0, counters);
    await batchPut([...counters.values()]);
    const counterItemsAtSmall = counters.size;
    // A whole first pass only warms up (JIT, connections, DynamoDB Local's caches): otherwise the
    // small table, measured first, looks slower than the large one.
    await probeLatencies(stack, tokens);
    const atSmall = await probeLatencies(stack, tokens);
    const loadStarted = performance.now();
    const added = await load(options.target - small, options.budgetMs, small, counters);
    await batchPut([...counters.values()]);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const large = small + added;
    const atLarge = await probeLatencies(stack, tokens);
    result.lines.push(
      `Triaged complaint items built by the domain (newComplaint, decideTriage, queueAttributes) written with BatchWriteItem (${WRITERS} writers) straight to DynamoDB Local, stack without workflows; ${added} items loaded in ${loadSeconds.toFixed(0)} s (${(added / loadSeconds).toFixed(0)} items/s). The KPI counter items are what the stream consumer would have made of the loaded complaints' triage events (domain contributionOf, summed per group and submission day, keys and attributes as adapters/kpi-store.ts writes them) and are written the same way: ${counterItemsAtSmall} items at ${small} complaints, ${counters.size} at ${small + added}. Not loaded: audit event items and counted-markers (no measured read touches them). ${SAMPLES} sequential GETs per probe and size after 20 warm-up calls (at the small size after a whole warm-up pass of every probe).`,
      '',
      `| probe | p50 at ${small} | p99 at ${small} | p50 at ${large} | p99 at ${large} | p50 ratio | p99 ratio |`,
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const probe of SCALE_PROBES) {
      const a = atSmall.get(probe.name)!;
      const b = atLarge.get(probe.name)!;
      const p50Ratio = b.p50 / a.p50;
      result.lines.push(
        `| ${probe.name} | ${ms(a.p50)} | ${ms(a.p99)} | ${ms(b.p50)} | ${ms(b.p99)} | ${ratio(p50Ratio)} | ${ratio(b.p99 / a.p99)} |`,
      );
      result.targets.push({
        name: `${probe.name}: p50 at ${large} / at ${small}`,
        value: ratio(p50Ratio),
        target: '≤ 1.30×',
        pass: p50Ratio <= 1.3,
      });
    }
    if (large < options.target)
      result.notes.push(
        `Loaded ${large} complaints, not ${options.target}: the load is capped at ${(options.budgetMs / 1000).toFixed(0)} s to keep the bench bounded on this machine (DynamoDB Local writes ${(added / loadSeconds).toFixed(0)} items/s with the four indexes).`,
      );
    result.notes.push(
      'The KPI report reads counter items (days × groups), never the complaints, so its latency does not depend on how many complaints there are once every day and group has its item.',
    );
    return result;
  } finally {
    await stack.stop();
  }
};
