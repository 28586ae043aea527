import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { DateTime } from 'luxon';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintEvent, EventDraft } from '../../functions/domain/audit-event.ts';
import type { Complaint } from '../../functions/domain/complaint.ts';
import type { IntakeOrigin } from '../../functions/domain/intake.ts';
import type { Kpis, KpiReport } from '../../functions/domain/kpi-report.ts';
import type { StaffPrincipal } from '../../functions/domain/staff.ts';
import { context as testContext, httpEvent } from '../support/lambda.ts';
import { defaultCalendar, defaultPolicy, defaultPolicyDocument } from '../support/policy.ts';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { freePort } from '../../local/ports.ts';

/**
 * The brute-force check of the KPI reports: a few thousand complaints with seeded random, known
 * lifecycles are driven through the real domain decisions and the real repository into a table of
 * DynamoDB Local; their audit events are delivered, shuffled and in concurrent batches, to the real
 * stream consumer; then every KPI the real report handler answers is compared with a computation
 * straight from the lifecycles. Redelivering records afterwards must change no figure.
 */

// 2,000 by default (about 15,000 stream records; 5.5 min on 2 cores); KPI_TEST_COMPLAINTS picks another size.
const COMPLAINTS = Number(process.env.KPI_TEST_COMPLAINTS ?? 2000);
const TABLE = 'kpi-brute-force';

/**
 * The default policy with a surge threshold never reached: thousands of complaints about a few products
 * within seconds are a surge, whose alert would need SES; surges have their own tests
 * (test/integration/incidents.test.ts), this one checks the counts.
 */
function policyWithoutSurges(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kpi-brute-force-')), 'policy.json');
  const document = defaultPolicyDocument() as { surge?: Record<string, unknown> };
  writeFileSync(
    file,
    JSON.stringify({ ...document, surge: { ...document.surge, rule: { minCount: 100_000 } } }),
  );
  return file;
}

// Its own DynamoDB Local: this test is heavy, and must not slow the shared stack's timed tests.
const dynamoDb = await startDynamoDbLocal({ port: await freePort(), dataDirectory: undefined });
afterAll(() => dynamoDb.stop());
Object.assign(process.env, {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
  TABLE_NAME: TABLE,
  POLICY_FILE: policyWithoutSurges(),
  POWERTOOLS_LOG_LEVEL: 'SILENT',
});
/** A Lambda context with time to spare: DynamoDB Local on a busy machine is slow. */
const context: Context = { ...testContext, getRemainingTimeInMillis: () => 900_000 };
const { ensureTable } = await import('../../local/table.ts');
const repository = await import('../../functions/adapters/complaint-repository.ts');
const { newId, toEvents } = await import('../../functions/adapters/events.ts');
const { readComplaintWithEvents } = await import('../../functions/adapters/kpi-store.ts');
const { decideTriage, decideEscalation } = await import('../../functions/domain/lifecycle.ts');
const { decideStaffAction } = await import('../../functions/domain/staff-actions.ts');
const { intakeRequestSchema, staffIntakeRequestSchema, newComplaint, makeReference } =
  await import('../../functions/domain/intake.ts');
const { PERCENTILE_RELATIVE_ERROR, PERCENTILE_ABSOLUTE_ERROR_SECONDS } =
  await import('../../functions/domain/duration-histogram.ts');
const { periodOf } = await import('../../functions/domain/kpi-report.ts');
const counter = (await import('../../functions/workflow/count-kpis.ts')).handler;
const reportHandler = (await import('../../functions/api/staff/get-kpis.ts')).handler;

const policy = defaultPolicy();
const calendar = defaultCalendar();
const TIME_ZONE = policy.calendar.timeZone;

/** mulberry32: a small seeded generator, so a failure can be replayed. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const random = seeded(20261123);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;
const minutes = (n: number) => n * 60_000;
/** Log-uniform between a and b minutes: durations from minutes to days. */
const span = (a: number, b: number) =>
  minutes(Math.exp(Math.log(a) + random() * (Math.log(b) - Math.log(a))));

/** Root causes and products from a generator of their own, so the lifecycles stay those of the seed above. */
const causeRandom = seeded(19);
const pickCause = <T>(items: readonly T[]): T => items[Math.floor(causeRandom() * items.length)]!;
/** Spellings of three products (the counters normalise them) and none. */
const PRODUCTS = ['Kettle K1', 'kettle  k1', 'Toaster T2', 'AIR FRYER', undefined] as const;
/** Skewed, so the Pareto order is not a tie. */
const CAUSES = [
  ...Array<'manufacturing'>(5).fill('manufacturing'),
  ...Array<'logistics'>(3).fill('logistics'),
  'supplier',
  'design',
  'staff-conduct',
  'process',
  'customer-misuse',
  'other',
] as const;

const CHANNELS = ['web', 'api', 'hotline', 'email', 'social-media', 'letter'] as const;
const HINTS = [
  'product-quality',
  'service-attitude',
  'logistics',
  'price-dispute',
  'contract-dispute',
  'response-speed',
] as const;
const DESCRIPTIONS = [
  '热水壶使用时突然起火，非常危险，请尽快处理。', // L1
  '我已经联系律师，准备向法院起诉。', // L2
  '产品用了两天就坏了，请给我一个说法。', // L3 (default)
  '包装有个小问题，建议改进一下。', // L4
];
const CUSTOMERS = Array.from({ length: 700 }, (_, index) => `customer${index}@example.com`);
const FIRST_DAY = DateTime.fromISO('2026-09-01T00:00', { zone: TIME_ZONE });
const DAYS = 61;
const SIMULATION_END = FIRST_DAY.plus({ days: DAYS + 25 }).toJSDate();

const agent: StaffPrincipal = { subject: 'agent-1', roles: ['agent'], department: 'quality' };
const supervisor: StaffPrincipal = { subject: 'sup-1', roles: ['supervisor'], department: 'quality' };

/** What brute force knows about one complaint: taken from the plan, not from the counters. */
interface Truth {
  day: string;
  groups: Record<'channel' | 'category' | 'severity' | 'department', string>;
  repeat: boolean;
  rejected: boolean;
  firstResponse?: { seconds: number; onTime: boolean };
  resolution?: { seconds: number; onTime: boolean; partly: boolean };
  escalationLevel: number;
  reopened: boolean;
  /** The latest resolution's root cause, and the product as the counters normalise it. */
  rootCause?: string;
  product: string;
  surveysSent: number;
  answers: { overall: number; process: number; result: number }[];
  open: boolean;
  overdue: boolean;
}

interface Planned {
  email: string;
  channel: (typeof CHANNELS)[number];
  hint: (typeof HINTS)[number];
  description: string;
  product: string | undefined;
  submittedAt: Date;
}

let sequence = 0;
let references = 0;

/** Drives one complaint's lifecycle through the domain and the repository; returns its truth. */
const live = async (
  plan: Planned,
  earlier: readonly Planned[],
  ids: Map<Planned, string>,
): Promise<Truth> => {
  const t0 = plan.submittedAt;
  const details = {
    customer: { name: '测试', email: plan.email },
    subject: '投诉',
    description: plan.description,
    channel: plan.channel,
    categoryHint: plan.hint,
    ...(plan.product ? { product: plan.product } : {}),
    consent: { dataProcessing: true },
  };
  // The web and the API are the customer's channels; the others are logged by staff on receipt.
  const origin: IntakeOrigin =
    plan.channel === 'web' || plan.channel === 'api'
      ? { kind: 'customer', request: intakeRequestSchema.parse(details) }
      : {
          kind: 'staff',
          request: staffIntakeRequestSchema.parse({ ...details, receivedAt: t0.toISOString() }),
          loggedBy: { id: 'agent-kpi' },
          recordDueAt: t0,
        };
  const created = newComplaint(
    origin,
    {
      id: ids.get(plan)!,
      reference: makeReference(
        t0,
        new Uint8Array([references % 32, (references >> 5) % 32, references >> 10, 0, 0, 0]),
      ),
      eventId: () => newId(t0),
    },
    t0,
  );
  references += 1;
  const initial: Complaint = created.complaint;
  let complaint: Complaint = initial;
  const written: ComplaintEvent[] = [];
  let lastAt = t0;

  // Decisions apply in memory; the complaint and all its events are written at the end (see persist).
  const save = (
    decision: { changes: Partial<Complaint>; events: EventDraft[] },
    at: Date,
    actor: ComplaintEvent['actor'],
  ) => {
    written.push(...toEvents(complaint.id, decision.events, actor, at));
    complaint = {
      ...complaint,
      ...decision.changes,
      version: complaint.version + 1,
      updatedAt: at.toISOString(),
    };
    lastAt = at;
  };
  const staff = (action: Record<string, unknown>, at: Date, principal = agent) => {
    const outcome = decideStaffAction(
      policy,
      calendar,
      complaint,
      { ...action, expectedVersion: complaint.version } as never,
      principal,
      `m${sequence++}`,
      at,
    );
    if (outcome.kind !== 'applied') throw new Error(`${String(action.type)}: ${JSON.stringify(outcome)}`);
    save(outcome.decision, at, { kind: 'staff', id: principal.subject, role: principal.roles[0] });
  };

  // Triage one minute after receipt, with the customer's complaints of the repeat window.
  const windowStart = t0.getTime() - policy.repeatWindowDays * 86_400_000;
  const related = earlier.filter(
    (other) =>
      other.email === plan.email && other.submittedAt.getTime() >= windowStart && other.submittedAt < t0,
  );
  const triageAt = new Date(t0.getTime() + minutes(1));
  const triage = decideTriage(
    policy,
    calendar,
    complaint,
    related.map((other) => ({ id: ids.get(other)!, category: other.hint })),
    triageAt,
  )!;
  save(triage, triageAt, { kind: 'system' });
  const grade = complaint.preliminaryGrade!;
  const dueFirstResponse = new Date(complaint.sla!.firstResponse.dueAt);
  const dueResolution = new Date(complaint.sla!.resolution.dueAt);
  const truth: Truth = {
    day: DateTime.fromJSDate(t0).setZone(TIME_ZONE).toISODate()!,
    groups: {
      channel: plan.channel,
      category: grade.category,
      severity: grade.severity,
      department: grade.department,
    },
    repeat: related.some((other) => other.hint === plan.hint),
    rejected: false,
    escalationLevel: 0,
    reopened: false,
    product: plan.product ? plan.product.replace(/\s+/gu, ' ').toLowerCase() : '',
    surveysSent: 0,
    answers: [],
    open: true,
    overdue: false,
  };
  const breached = new Set<string>();

  /** Writes the complaint as it ended and every audit event with the real repository. */
  const persist = async (): Promise<Truth> => {
    expect(await repository.createComplaint(initial, created.events, undefined, t0)).toEqual({
      kind: 'created',
    });
    const changes = Object.fromEntries(
      Object.entries(complaint).filter(([field]) => !['id', 'version', 'updatedAt'].includes(field)),
    );
    expect(await repository.saveComplaint(initial, changes, written, lastAt)).toBe('saved');
    return truth;
  };

  /** The workflow's escalation checks due before `until` (stopping at the last level). */
  const escalateUntil = (until: Date) => {
    for (;;) {
      const open = (['firstResponse', 'resolution'] as const).filter(
        (stage) => complaint.sla![stage].completedAt === undefined,
      );
      const next = open
        .map((stage) => ({ stage, at: new Date(complaint.sla![stage].nextCheckAt) }))
        .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
      if (!next || next.at >= until || complaint.sla!.escalationLevel >= 3) return;
      const decision = decideEscalation(policy, calendar, complaint, next.stage, `m${sequence++}`, next.at)!;
      save(decision, next.at, { kind: 'system' });
      truth.escalationLevel += 1;
      breached.add(next.stage);
    }
  };

  if (chance(0.05)) {
    const at = new Date(t0.getTime() + span(10, 600));
    escalateUntil(at);
    // A supervisor's: an agent's rejection of an L1/L2 complaint is only a request (change-requests.ts).
    staff({ type: 'reject', reason: 'invalid', note: '无效投诉' }, at, supervisor);
    truth.rejected = true;
    truth.open = false;
    return persist();
  }
  const contactAt = new Date(t0.getTime() + span(5, 6 * 24 * 60));
  if (contactAt > SIMULATION_END || chance(0.04)) {
    escalateUntil(SIMULATION_END);
    truth.overdue = breached.size > 0;
    return persist();
  }
  escalateUntil(contactAt);
  staff({ type: 'contact-customer', channel: 'phone', summary: '已联系' }, contactAt);
  truth.firstResponse = {
    seconds: Math.round((contactAt.getTime() - t0.getTime()) / 1000),
    onTime: contactAt <= dueFirstResponse,
  };
  breached.delete('firstResponse');

  const resolveAt = new Date(contactAt.getTime() + span(30, 12 * 24 * 60));
  if (resolveAt > SIMULATION_END || chance(0.06)) {
    escalateUntil(SIMULATION_END);
    truth.overdue = breached.size > 0;
    return persist();
  }
  escalateUntil(resolveAt);
  if (grade.severity === 'L1' || grade.severity === 'L2') {
    staff(
      { type: 'propose-resolution', summary: '方案', remedy: 'refund' },
      new Date(resolveAt.getTime() - 2),
    );
    staff({ type: 'approve-proposal' }, new Date(resolveAt.getTime() - 1), supervisor);
  }
  const partly = chance(0.2);
  const rootCause = pickCause(CAUSES);
  staff(
    {
      type: 'resolve',
      outcome: partly ? 'partly-resolved' : 'resolved',
      summary: '已解决',
      remedy: 'refund',
      rootCause,
    },
    resolveAt,
  );
  truth.rootCause = rootCause;
  truth.resolution = {
    seconds: Math.round((resolveAt.getTime() - t0.getTime()) / 1000),
    onTime: resolveAt <= dueResolution,
    partly,
  };
  truth.open = false;

  // The follow-up's events, as issue 5's contract defines them.
  const system = { kind: 'system' as const };
  if (chance(0.8)) {
    const sentAt = new Date(resolveAt.getTime() + minutes(60 * 24));
    save(
      { changes: {}, events: [{ type: 'survey.sent', customerVisible: false, details: { round: 0 } }] },
      sentAt,
      system,
    );
    truth.surveysSent += 1;
    if (chance(0.6)) {
      const answer = {
        overall: 1 + Math.floor(random() * 5),
        process: 1 + Math.floor(random() * 5),
        result: 1 + Math.floor(random() * 5),
        solved: pick(['yes', 'partly', 'no'] as const),
        round: 0,
      };
      save(
        {
          changes: {},
          events: [
            // As decideSurveyAnswer records it (satisfied: 4–5 overall).
            {
              type: 'survey.answered',
              customerVisible: true,
              details: { ...answer, satisfied: answer.overall >= 4 },
            },
          ],
        },
        new Date(sentAt.getTime() + minutes(60 * 30)),
        { kind: 'customer' },
      );
      truth.answers.push(answer);
    } else {
      save(
        { changes: {}, events: [{ type: 'survey.expired', customerVisible: false, details: { round: 0 } }] },
        new Date(sentAt.getTime() + minutes(60 * 24 * 7)),
        system,
      );
    }
  }
  if (chance(0.1)) {
    const reopenAt = new Date(resolveAt.getTime() + minutes(60 * 24 * 9));
    staff({ type: 'reopen', reason: '客户不满意' }, reopenAt, supervisor);
    truth.reopened = true;
    if (chance(0.7)) {
      const againAt = new Date(reopenAt.getTime() + minutes(60 * 24 * 2));
      // The reopening cleared the earlier approval: a major complaint's new offer is approved again.
      if (grade.severity === 'L1' || grade.severity === 'L2') {
        staff(
          { type: 'propose-resolution', summary: '新方案', remedy: 'replace' },
          new Date(againAt.getTime() - 2),
        );
        staff({ type: 'approve-proposal' }, new Date(againAt.getTime() - 1), supervisor);
      }
      // Found to be another cause on second look: the count moves to it.
      const again = pickCause(CAUSES);
      staff(
        { type: 'resolve', outcome: 'resolved', summary: '再次解决', remedy: 'replace', rootCause: again },
        againAt,
      );
      truth.rootCause = again;
    } else {
      truth.open = true;
    }
  } else if (chance(0.5)) {
    staff({ type: 'close' }, new Date(resolveAt.getTime() + minutes(60 * 24 * 10)));
  }
  return persist();
};

const runPool = async <T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
};

/** Delivers records as an event source mapping would: batches of 10, redelivering from a failure. */
const deliver = async (records: readonly DynamoDBRecord[], concurrency: number) => {
  const batches: DynamoDBRecord[][] = [];
  for (let index = 0; index < records.length; index += 10) batches.push(records.slice(index, index + 10));
  await runPool(batches, concurrency, async (batch) => {
    let pending = batch;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 20) throw new Error('a batch kept failing');
      const { batchItemFailures } = await counter({ Records: pending }, context);
      const failed = batchItemFailures[0]?.itemIdentifier;
      pending = failed
        ? pending.slice(pending.findIndex((record) => record.dynamodb?.SequenceNumber === failed))
        : [];
    }
  });
};

const report = async (query: Record<string, string>, role = 'manager') => {
  const response = await reportHandler(
    httpEvent({
      routeKey: 'GET /v1/staff/reports/kpis',
      rawPath: '/v1/staff/reports/kpis',
      queryStringParameters: query,
      requestContext: {
        ...httpEvent().requestContext,
        authorizer: { jwt: { claims: { sub: 'mgr-1', 'cognito:groups': `[${role}]` }, scopes: [] } },
      } as never,
    }),
    context,
  );
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') as KpiReport };
};

// ---- brute force -------------------------------------------------------------------------------

const exactPercentile = (values: number[], p: number): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
};

const rate = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);
/** The mean of one rating over the answers (null without answers). */
const meanRating = (answers: Truth['answers'], part: 'overall' | 'process' | 'result') =>
  rate(
    answers.reduce((sum, answer) => sum + answer[part], 0),
    answers.length,
  );

const expectRate = (actual: number | null, expected: number | null, what: string) => {
  if (expected === null) expect(actual, what).toBeNull();
  else expect(actual, what).toBeCloseTo(expected, 12);
};

const expectDuration = (
  actual: Kpis['firstResponse'],
  samples: { seconds: number; onTime: boolean }[],
  what: string,
) => {
  expect(actual.count, `${what} count`).toBe(samples.length);
  const seconds = samples.map((sample) => sample.seconds);
  expectRate(
    actual.meanHours,
    rate(
      seconds.reduce((a, b) => a + b, 0),
      seconds.length * 3600,
    ),
    `${what} mean`,
  );
  expectRate(
    actual.onTimeRate,
    rate(samples.filter((s) => s.onTime).length, samples.length),
    `${what} on time`,
  );
  for (const [p, value] of [
    [0.5, actual.medianHours],
    [0.9, actual.p90Hours],
  ] as const) {
    const exact = exactPercentile(seconds, p);
    if (exact === undefined) {
      expect(value, `${what} p${p}`).toBeNull();
      continue;
    }
    const bound = Math.max(exact * PERCENTILE_RELATIVE_ERROR, PERCENTILE_ABSOLUTE_ERROR_SECONDS) + 1e-6;
    expect(
      Math.abs(value! * 3600 - exact),
      `${what} p${p}: ${value! * 3600} vs ${exact}`,
    ).toBeLessThanOrEqual(bound);
  }
};

const expectKpis = (actual: Kpis, truths: Truth[], what: string) => {
  const received = truths.length;
  const rejected = truths.filter((t) => t.rejected).length;
  const resolved = truths.filter((t) => t.resolution);
  const answers = truths.flatMap((t) => t.answers);
  const sent = truths.reduce((sum, t) => sum + t.surveysSent, 0);
  expect(actual.volume, `${what} volume`).toBe(received);
  expect(actual.rejected, `${what} rejected`).toBe(rejected);
  expectDuration(
    actual.firstResponse,
    truths.flatMap((t) => (t.firstResponse ? [t.firstResponse] : [])),
    `${what} first response`,
  );
  expectDuration(
    actual.resolution,
    resolved.map((t) => t.resolution!),
    `${what} resolution`,
  );
  expectRate(actual.resolutionRate, rate(resolved.length, received - rejected), `${what} resolution rate`);
  expectRate(
    actual.fullyResolvedRate,
    rate(resolved.filter((t) => !t.resolution!.partly).length, received - rejected),
    `${what} fully resolved`,
  );
  expectRate(
    actual.satisfactionRate,
    rate(answers.filter((a) => a.overall >= 4).length, answers.length),
    `${what} satisfaction`,
  );
  expectRate(actual.csat, meanRating(answers, 'overall'), `${what} csat`);
  expectRate(actual.csatProcess, meanRating(answers, 'process'), `${what} process`);
  expectRate(actual.csatResult, meanRating(answers, 'result'), `${what} result`);
  expectRate(actual.surveyResponseRate, rate(answers.length, sent), `${what} response rate`);
  expectRate(actual.repeatRate, rate(truths.filter((t) => t.repeat).length, received), `${what} repeat`);
  for (const level of [1, 2, 3] as const) {
    expectRate(
      actual.escalationRate[`level${level}`],
      rate(truths.filter((t) => t.escalationLevel >= level).length, received),
      `${what} escalation L${level}`,
    );
  }
  expectRate(
    actual.reopenRate,
    rate(truths.filter((t) => t.reopened).length, resolved.length),
    `${what} reopen`,
  );
  const escalation = actual.targets.find((target) => target.kpi === 'escalationRate')!;
  expect(escalation.met, `${what} escalation target`).toBe(
    actual.escalationRate.level3 === null
      ? null
      : actual.escalationRate.level3 <= policy.kpiTargets.escalationRate.atMost,
  );
};

const groupTruths = (truths: Truth[], key: (truth: Truth) => string) => {
  const groups = new Map<string, Truth[]>();
  for (const truth of truths) groups.set(key(truth), [...(groups.get(key(truth)) ?? []), truth]);
  return groups;
};

// ---- the run -----------------------------------------------------------------------------------

let truths: Truth[] = [];
let records: DynamoDBRecord[] = [];
let complaintIds: string[] = [];
let nextSequenceNumber = 0;

/** An audit event as the table stream delivers a new one: an INSERT with its image. */
const insertRecord = (item: Record<string, unknown>): DynamoDBRecord => {
  nextSequenceNumber += 1;
  return {
    eventName: 'INSERT',
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }) as Record<string, AttributeValue>,
      NewImage: marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>,
      SequenceNumber: String(nextSequenceNumber).padStart(21, '0'),
    },
  };
};

beforeAll(async () => {
  const started = Date.now();
  const client = new DynamoDBClient({});
  await ensureTable(client, TABLE);
  client.destroy();

  const plans: Planned[] = Array.from({ length: COMPLAINTS }, () => ({
    email: pick(CUSTOMERS),
    channel: pick(CHANNELS),
    hint: pick(HINTS),
    product: pickCause(PRODUCTS),
    description: pick(DESCRIPTIONS),
    submittedAt: FIRST_DAY.plus({ milliseconds: random() * DAYS * 86_400_000 }).toJSDate(),
  })).sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  const { ulid } = await import('ulid');
  const ids = new Map(plans.map((plan) => [plan, ulid(plan.submittedAt.getTime())]));
  const byCustomer = new Map<string, Planned[]>();
  for (const plan of plans) byCustomer.set(plan.email, [...(byCustomer.get(plan.email) ?? []), plan]);
  const results = new Map<Planned, Truth>();
  await runPool(plans, 6, async (plan) => {
    results.set(plan, await live(plan, byCustomer.get(plan.email) ?? [], ids));
  });
  truths = plans.map((plan) => results.get(plan)!);
  const generated = Date.now();

  complaintIds = plans.map((plan) => ids.get(plan)!);
  // Every audit event as the table stream delivers it: one INSERT with its new image.
  const all: DynamoDBRecord[] = [];
  await runPool(plans, 6, async (plan) => {
    const { events } = await readComplaintWithEvents(ids.get(plan)!);
    for (const item of events as unknown as Record<string, unknown>[]) all.push(insertRecord(item));
  });
  // Any order: the stream orders only records of one item, and every event is its own item.
  records = all
    .map((record) => ({ record, order: random() }))
    .sort((a, b) => a.order - b.order)
    .map((r) => r.record);
  const read = Date.now();
  await deliver(records, 2);
  console.info(
    `KPI brute force: ${COMPLAINTS} complaints in ${generated - started} ms, ${records.length} records read in ${read - generated} ms, counted in ${Date.now() - read} ms`,
  );
}, 1_800_000);

const QUERIES = [
  { from: '2026-09-01', to: '2026-10-31', groupBy: 'day' },
  { from: '2026-09-01', to: '2026-10-31', groupBy: 'week', by: 'channel' },
  { from: '2026-09-10', to: '2026-10-20', groupBy: 'month', by: 'category' },
  { from: '2026-09-01', to: '2026-10-31', groupBy: 'month', by: 'severity' },
  { from: '2026-10-01', to: '2026-10-07', groupBy: 'day', by: 'department' },
] as const;

/** The Pareto breakdown: every count, in descending order, shares adding up to 1. */
const expectRootCauses = (actual: KpiReport['rootCauses'], truths: Truth[]) => {
  const caused = truths.filter((t) => t.resolution && t.rootCause);
  expect(actual.resolved, 'root causes: resolved').toBe(caused.length);
  const byCause = groupTruths(caused, (t) => t.rootCause!);
  expect(Object.fromEntries(actual.byCause.map((row) => [row.rootCause, row.count]))).toEqual(
    Object.fromEntries([...byCause].map(([cause, list]) => [cause, list.length])),
  );
  const byProduct = groupTruths(caused, (t) => `${t.rootCause}|${t.product}`);
  for (const rows of [actual.byCause, actual.byCauseAndProduct]) {
    expect(rows.map((row) => row.count)).toEqual(rows.map((row) => row.count).sort((a, b) => b - a));
  }
  let running = 0;
  for (const row of actual.byCause) {
    running += row.count;
    expect(row.share).toBeCloseTo(row.count / caused.length, 9);
    expect(row.cumulativeShare).toBeCloseTo(running / caused.length, 9);
  }
  if (caused.length > 0) expect(actual.byCause.at(-1)!.cumulativeShare).toBeCloseTo(1, 9);
  // 8 causes × 3 products and none: more lines than the report keeps, so its cut is checked too.
  expect(actual.byCauseAndProduct).toHaveLength(Math.min(20, byProduct.size));
  const expectedHead = [...byProduct.values()].map((list) => list.length).sort((a, b) => b - a);
  expect(actual.byCauseAndProduct.map((row) => row.count)).toEqual(
    expectedHead.slice(0, actual.byCauseAndProduct.length),
  );
  for (const row of actual.byCauseAndProduct) {
    expect(row.count, `${row.rootCause} × ${row.product}`).toBe(
      byProduct.get(`${row.rootCause}|${row.product}`)?.length ?? 0,
    );
  }
};

describe('KPI reports against brute force', () => {
  it('drove a few thousand complaints with every kind of outcome', () => {
    expect(truths).toHaveLength(COMPLAINTS);
    expect(records.length).toBeGreaterThan(COMPLAINTS * 5);
    for (const outcome of [
      (t: Truth) => t.rejected,
      (t: Truth) => t.repeat,
      (t: Truth) => t.reopened,
      (t: Truth) => t.overdue,
      (t: Truth) => t.open,
      (t: Truth) => t.escalationLevel === 3,
      (t: Truth) => t.resolution?.onTime === false,
      (t: Truth) => t.firstResponse?.onTime === true,
    ]) {
      expect(truths.filter(outcome).length).toBeGreaterThan(5);
    }
  });

  it.each(QUERIES)('matches every KPI, period and group: %o', async (query) => {
    const { status, body } = await report({ ...query });
    expect(status).toBe(200);
    const inRange = truths.filter((t) => t.day >= query.from && t.day <= query.to);
    expectKpis(body.total, inRange, 'total');
    const dimension = 'by' in query ? query.by : undefined;
    const groupOf = (t: Truth) => (dimension ? t.groups[dimension] : '');
    const expectedSeries = groupTruths(inRange, (t) => `${periodOf(t.day, query.groupBy)}|${groupOf(t)}`);
    expect(body.series.map((entry) => `${entry.period}|${entry.group ?? ''}`).sort()).toEqual(
      [...expectedSeries.keys()].sort(),
    );
    for (const entry of body.series) {
      expectKpis(
        entry.kpis,
        expectedSeries.get(`${entry.period}|${entry.group ?? ''}`)!,
        `${entry.period} ${entry.group}`,
      );
    }
    if (dimension) {
      const expectedGroups = groupTruths(inRange, groupOf);
      expect(body.groups.map((group) => group.group).sort()).toEqual([...expectedGroups.keys()].sort());
      for (const group of body.groups) expectKpis(group.kpis, expectedGroups.get(group.group)!, group.group);
      const open = groupTruths(
        truths.filter((t) => t.open),
        groupOf,
      );
      for (const gauge of body.now.groups.filter((g) => g.backlog > 0 || g.overdue > 0)) {
        expect(gauge.backlog, `backlog ${gauge.group}`).toBe(open.get(gauge.group)?.length ?? 0);
        expect(gauge.overdue, `overdue ${gauge.group}`).toBe(
          open.get(gauge.group)?.filter((t) => t.overdue).length ?? 0,
        );
      }
    }
    expect(body.now.backlog).toBe(truths.filter((t) => t.open).length);
    expect(body.now.overdue).toBe(truths.filter((t) => t.open && t.overdue).length);
    expectRootCauses(body.rootCauses, inRange);
  });

  it('changes no figure when stream records are delivered again', async () => {
    const before = await Promise.all(QUERIES.map((query) => report({ ...query })));
    const again = records.filter(() => chance(0.1));
    expect(again.length).toBeGreaterThan(100);
    await deliver(again, 2);
    const after = await Promise.all(QUERIES.map((query) => report({ ...query })));
    expect(after).toEqual(before);
  });

  it('changes no figure when a share of the finished complaints is anonymised', async () => {
    const { anonymiseComplaint } = await import('../../functions/app/anonymise-complaint.ts');
    const { complaintStore } = await import('../../functions/adapters/complaint-store.ts');
    const { personalDataStore } = await import('../../functions/adapters/personal-data-store.ts');
    const { policySource } = await import('../../functions/adapters/policy-source.ts');
    const before = await Promise.all(QUERIES.map((query) => report({ ...query })));
    const chosen = complaintIds.filter(() => chance(0.3));
    const anonymised: string[] = [];
    // No evidence bucket here (the complaints have no files): the integration test deletes real ones.
    const deps = {
      complaints: complaintStore,
      personalData: personalDataStore,
      evidence: { deleteAll: () => Promise.resolve(0) },
      policy: policySource,
    };
    await runPool(chosen, 6, async (complaintId) => {
      const outcome = await anonymiseComplaint(deps, {
        complaintId,
        reason: 'erasure-request',
        requestedBy: 'kpi-brute-force',
      });
      if (outcome.kind === 'anonymised') anonymised.push(complaintId);
    });
    // Open ones are refused; the finished ones (closed or rejected) are most of them.
    expect(anonymised.length).toBeGreaterThan(chosen.length / 3);
    // The stream's new records (the anonymisation events) and, as if redelivered, every rewritten event.
    const fresh: DynamoDBRecord[] = [];
    await runPool(anonymised, 6, async (id) => {
      const { complaint, events } = await readComplaintWithEvents(id);
      expect(complaint?.customer.name).toBe('');
      for (const item of events as unknown as Record<string, unknown>[]) fresh.push(insertRecord(item));
    });
    await deliver(fresh, 2);
    const after = await Promise.all(QUERIES.map((query) => report({ ...query })));
    expect(after).toEqual(before);
  });

  it('answers 403 to staff other than managers and admins, and 400 to a bad range', async () => {
    expect((await report({ from: '2026-09-01', to: '2026-09-02' }, 'supervisor')).status).toBe(403);
    expect((await report({ from: '2026-09-01', to: '2026-09-02' }, 'admin')).status).toBe(200);
    expect((await report({ from: '2026-09-03', to: '2026-09-02' })).status).toBe(400);
    expect((await report({ from: '2026-09-03', to: '2026-09-04', by: 'colour' })).status).toBe(400);
  });
});
