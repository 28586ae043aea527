import { randomBytes } from 'node:crypto';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { startStackProcess, useStackProcess, type StackProcess } from './local-stack-process.ts';
import { section, type Section } from './report.ts';
import { ms, ratio, summarise } from './stats.ts';

/**
 * The staff reads measured at both sizes. Issue 6 (KPI report) adds its route here, e.g.
 * `{ name: 'KPI report', path: '/v1/staff/kpis?…' }`: every probe gets the same treatment.
 */
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
 * Loads `count` triaged complaint items (built and triaged by the domain, with the queue attributes
 * the repository adds) with BatchWriteItem, `WRITERS` loops in parallel, until `count` or `budgetMs`.
 * Only complaint items: the queue indexes read nothing else.
 */
const load = async (count: number, budgetMs: number, offset: number): Promise<number> => {
  const { dynamo } = await import('../functions/adapters/aws-clients.ts');
  const { itemKeys } = await import('../functions/adapters/table.ts');
  const { currentPolicy } = await import('../functions/adapters/policy-source.ts');
  const { newComplaint, makeReference, validateIntake } = await import('../functions/domain/intake.ts');
  const { decideTriage } = await import('../functions/domain/lifecycle.ts');
  const { queueAttributes } = await import('../functions/domain/queue.ts');
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
    const triaged = { ...complaint, ...decideTriage(policy, calendar, complaint, [], submittedAt)?.changes };
    return { ...itemKeys.complaint(id), entity: 'complaint', ...triaged, ...queueAttributes(triaged) };
  };
  const deadline = performance.now() + budgetMs;
  let next = 0;
  let written = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < count && performance.now() < deadline) {
        const batch = Array.from({ length: Math.min(25, count - next) }, () => item(offset + next++));
        let unprocessed: BatchWriteCommandInput['RequestItems'] = {
          complaints: batch.map((Item) => ({ PutRequest: { Item } })),
        };
        while (unprocessed?.complaints?.length) {
          const response: BatchWriteCommandOutput = await dynamo().send(
            new BatchWriteCommand({ RequestItems: unprocessed }),
          );
          unprocessed = response.UnprocessedItems;
        }
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

/** Staff queue latency with 1 k complaints, then with up to `target` loaded within `budgetMs`. */
export const benchScale = async (options: { target: number; budgetMs: number }): Promise<Section> => {
  const result = section('Scale: staff reads at 1 k vs many complaints');
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
    const small = await load(1000, Number.POSITIVE_INFINITY, 0);
    const atSmall = await probeLatencies(stack, tokens);
    const loadStarted = performance.now();
    const added = await load(options.target - small, options.budgetMs, small);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const large = small + added;
    const atLarge = await probeLatencies(stack, tokens);
    result.lines.push(
      `Triaged complaint items built by the domain (newComplaint, decideTriage, queueAttributes) written with BatchWriteItem (${WRITERS} writers) straight to DynamoDB Local, stack without workflows; ${added} items loaded in ${loadSeconds.toFixed(0)} s (${(added / loadSeconds).toFixed(0)} items/s). ${SAMPLES} sequential GETs per probe and size after 20 warm-up calls.`,
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
      'The KPI report (issue 6) is not measured yet: add its route to SCALE_PROBES in bench/scale.ts.',
    );
    return result;
  } finally {
    await stack.stop();
  }
};
