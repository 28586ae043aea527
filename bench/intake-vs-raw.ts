import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { startStackProcess, useStackProcess } from './local-stack-process.ts';
import { section, type Section } from './report.ts';
import { intakeBody, uniqueEmail } from './sample-complaints.ts';
import { ms, ratio, summarise } from './stats.ts';
import { solvedProofOfWorkPool } from '../test/support/proof-of-work.ts';

const CONNECTIONS = 10;
/** Solved proofs of work made ahead per second of load: above the ~290 requests/s measured so far. */
const PROOFS_PER_SECOND = 500;

interface LoadResult {
  throughput: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

/**
 * autocannon against POST /v1/complaints, a fresh Idempotency-Key, body and proof of work on every
 * request (solved before the run; a request past the pool goes without and counts as a failure).
 */
const intakeLoad = async (api: string, seconds: number): Promise<LoadResult> => {
  let n = 0;
  const proofs = await solvedProofOfWorkPool(api, seconds * PROOFS_PER_SECOND);
  const result = await autocannon({
    url: `${api}/v1/complaints`,
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          n += 1;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
              ...(proofs.length > 0 ? { 'proof-of-work': proofs.pop()! } : {}),
            },
            body: JSON.stringify(intakeBody(uniqueEmail('load'), n)),
          };
        },
      },
    ],
  });
  return {
    throughput: result.requests.total / (result.duration || seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
};

/**
 * The same transaction the intake handler commits (complaint, reference, received event,
 * idempotency record), built by the same domain code and written with the same repository call,
 * straight to DynamoDB Local from CONNECTIONS concurrent loops.
 */
const rawLoad = async (seconds: number): Promise<LoadResult> => {
  const { validateIntake } = await import('../functions/domain/intake.ts');
  const { submitComplaint } = await import('../functions/app/submit-complaint.ts');
  const { intakeRepository } = await import('../functions/adapters/complaint-repository.ts');
  const { clock } = await import('../functions/adapters/clock.ts');
  const deps = { intake: intakeRepository, clock, metrics: { count: () => undefined } };
  const latencies: number[] = [];
  let failures = 0;
  let n = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) {
        n += 1;
        const validation = validateIntake(intakeBody(uniqueEmail('raw'), n), new Date());
        if (!validation.ok) throw new Error('sample complaint is invalid');
        const t0 = performance.now();
        const outcome = await submitComplaint(deps, validation.request, randomUUID()).catch(() => undefined);
        latencies.push(performance.now() - t0);
        if (outcome?.kind !== 'created') failures += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const stats = summarise(latencies);
  return {
    throughput: latencies.length / elapsed,
    p50: stats.p50,
    p99: stats.p99,
    requests: latencies.length,
    failures,
  };
};

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Intake against raw writes: alternating rounds (raw, intake, raw, intake) of `seconds` each after
 * a warm-up of both, on a stack without workflows (in AWS they run elsewhere; here they would take
 * the same two cores). Figures are the means over the rounds.
 */
export const benchIntakeVsRaw = async (options: { seconds: number; rounds: number }): Promise<Section> => {
  const result = section('Intake vs raw TransactWriteItems');
  const stack = await startStackProcess({ workflows: false });
  try {
    useStackProcess(stack);
    await rawLoad(2);
    await intakeLoad(stack.urls.api, 2);
    const raw: LoadResult[] = [];
    const intake: LoadResult[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      raw.push(await rawLoad(options.seconds));
      intake.push(await intakeLoad(stack.urls.api, options.seconds));
    }
    const agg = (runs: LoadResult[]) => ({
      throughput: mean(runs.map((r) => r.throughput)),
      p50: mean(runs.map((r) => r.p50)),
      p99: mean(runs.map((r) => r.p99)),
      requests: runs.reduce((a, r) => a + r.requests, 0),
      failures: runs.reduce((a, r) => a + r.failures, 0),
    });
    const r = agg(raw);
    const i = agg(intake);
    const throughputRatio = i.throughput / r.throughput;
    const p50Ratio = i.p50 / r.p50;
    const p99Ratio = i.p99 / r.p99;
    result.lines.push(
      `${options.rounds} alternating rounds of ${options.seconds} s each, ${CONNECTIONS} concurrent connections/loops, unique Idempotency-Key and body per request; stack without workflows.`,
      '',
      '| load | requests | failures | req/s | p50 | p99 |',
      '| --- | --- | --- | --- | --- | --- |',
      `| raw TransactWriteItems (same items, same DynamoDB Local) | ${r.requests} | ${r.failures} | ${r.throughput.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} |`,
      `| POST /v1/complaints (autocannon) | ${i.requests} | ${i.failures} | ${i.throughput.toFixed(0)} | ${ms(i.p50)} | ${ms(i.p99)} |`,
      '',
      `Ratios intake/raw: throughput ${ratio(throughputRatio)}, p50 ${ratio(p50Ratio)}, p99 ${ratio(p99Ratio)}.`,
    );
    result.targets.push(
      {
        name: 'throughput intake/raw',
        value: ratio(throughputRatio),
        target: '≥ 0.70×',
        pass: throughputRatio >= 0.7,
      },
      { name: 'p99 latency intake/raw', value: ratio(p99Ratio), target: '≤ 1.50×', pass: p99Ratio <= 1.5 },
      { name: 'failed intake requests', value: String(i.failures), target: '0', pass: i.failures === 0 },
    );
    result.notes.push(
      'autocannon reports latency in whole milliseconds (HdrHistogram); the raw loop times each call with performance.now().',
    );
    return result;
  } finally {
    await stack.stop();
  }
};
