import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { lambdaEntries } from '../functions/lambda-entries.ts';
import { LAMBDA_ESBUILD_OPTIONS } from '../infra/constructs/bundling.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localStateMachineArn } from '../local/aws-local.ts';
import { REPO_ROOT } from '../local/paths.ts';
import { TABLE_NAME } from '../local/stack.ts';
import { countingProxy, type CountingProxy } from './aws-request-counter.ts';
import { faultPolicyEnv } from './fault-invariants.ts';
import { parseBaseline, type ColdStartBaseline } from './cold-start-baseline.ts';
import { SAMPLE_EVENTS } from './cold-start-events.ts';
import { seedColdStartFixture } from './cold-start-fixture.ts';
import { freshProcessInvoker, type FreshProcessInvoker, type InvocationTiming } from './cold-start-invoke.ts';
import {
  DEFAULT_BASELINE_FILE,
  report,
  writeBaselineFile,
  type FunctionResult,
} from './cold-start-report.ts';
import { startStackProcess, type StackProcess } from './local-stack-process.ts';
import { loadAverage, section, type Section } from './report.ts';
import { median } from './stats.ts';

const STATE_MACHINE_ARN = localStateMachineArn('complaint-lifecycle');

/** One unsigned call with Node's own fetch: what any client's first request costs at least. */
const REFERENCE_FETCH_HANDLER = `export const handler = async () => {
  const response = await fetch(process.env.AWS_ENDPOINT_URL_DYNAMODB, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
    body: '{}',
  });
  await response.text();
  return { statusCode: response.status };
};
`;

/** The services the functions call, each behind a counting proxy, with their endpoint variables. */
const SERVICES = {
  DynamoDB: ['AWS_ENDPOINT_URL_DYNAMODB'],
  'Step Functions': ['AWS_ENDPOINT_URL_SFN'],
  // SES v1 (client-ses) and v2 (client-sesv2, the wire client's) are the same emulator.
  SES: ['AWS_ENDPOINT_URL_SES', 'AWS_ENDPOINT_URL_SESV2'],
  'Secrets Manager': ['AWS_ENDPOINT_URL_SECRETS_MANAGER'],
} as const;
type Service = keyof typeof SERVICES;

export interface ColdStartOptions {
  /** Fresh processes per function (≥ 5; 11 for a baseline). */
  runs: number;
  /** Write the measured figures as a baseline to this file (relative to the repository). */
  writeBaseline?: string;
}

/** Bundles `entry` as NodeFunction does (infra/constructs/bundling.ts); returns its size in bytes. */
const bundle = async (entry: string, outfile: string): Promise<number> => {
  await build({ ...LAMBDA_ESBUILD_OPTIONS, entryPoints: [entry], outfile, logLevel: 'error' });
  return statSync(outfile).size;
};

/**
 * The environment the local runtime gives handlers (local/stack.ts), pointed at the counting proxies,
 * with each endpoint under both the wire client's and the AWS SDK v3's variable names.
 */
const handlerEnvironment = (
  stack: StackProcess,
  proxies: Record<Service, CountingProxy>,
  signingKey: string,
  policyFile: string,
): Record<string, string> => ({
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  ...Object.fromEntries(
    (Object.keys(SERVICES) as Service[]).flatMap((service) =>
      SERVICES[service].map((variable) => [variable, proxies[service].url]),
    ),
  ),
  TABLE_NAME,
  STATE_MACHINE_ARN,
  SENDER_EMAIL: 'complaints@example.com',
  PUBLIC_WEB_URL: stack.urls.api,
  TOKEN_SIGNING_KEY: signingKey,
  POLICY_FILE: policyFile,
  POWERTOOLS_SERVICE_NAME: 'complaints',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  // As deployed (infra/constructs/node-function.ts).
  NODE_OPTIONS: '--enable-source-maps',
});
const readBaseline = (): ColdStartBaseline | undefined => {
  const file = join(REPO_ROOT, DEFAULT_BASELINE_FILE);
  return existsSync(file) ? parseBaseline(readFileSync(file, 'utf8')) : undefined;
};

/** Unpacks the baseline's archived bundles into `target`; returns where each function's is. */
const unpackBaselineBundles = (baseline: ColdStartBaseline, target: string): Map<string, string> => {
  const archive = join(REPO_ROOT, dirname(DEFAULT_BASELINE_FILE), baseline.bundles!);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xJf', archive, '-C', target]);
  return new Map(
    Object.keys(baseline.functions)
      .map((name) => [name, join(target, name, 'index.mjs')] as const)
      .filter(([, file]) => existsSync(file)),
  );
};

/**
 * Cold start of every Lambda function as billed: a fresh `node` imports the bundle (as deployed) and
 * the handler runs once on a sample event that calls AWS, against a local stack of its own.
 */
export const benchColdStart = async (options: ColdStartOptions): Promise<Section> => {
  // Outside the repository, so that a bundle importing anything it does not carry fails here as it
  // would in Lambda, instead of finding the repository's node_modules.
  const dir = mkdtempSync(join(tmpdir(), 'complaints-bundles-'));
  try {
    return await measure(dir, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const measure = async (dir: string, options: ColdStartOptions): Promise<Section> => {
  const result = section('Cold start (bundles: import + first AWS call)');
  const loadAtStart = loadAverage();
  const emptyFile = join(dir, 'empty', 'index.mjs');
  writeFileSync(join(dir, 'empty.ts'), 'export const handler = async () => ({ ok: true });\n');
  await bundle(join(dir, 'empty.ts'), emptyFile);
  const referenceFile = join(dir, 'reference-fetch', 'index.mjs');
  writeFileSync(join(dir, 'reference-fetch.ts'), REFERENCE_FETCH_HANDLER);
  await bundle(join(dir, 'reference-fetch.ts'), referenceFile);
  const entries = lambdaEntries();
  const sizes = new Map<string, number>();
  for (const entry of entries)
    sizes.set(entry.name, await bundle(join(REPO_ROOT, entry.entry), join(dir, entry.name, 'index.mjs')));
  const fileOf = (name: string) => join(dir, name, 'index.mjs');
  const baseline = options.writeBaseline ? undefined : readBaseline();
  const baselineBundles = baseline?.bundles
    ? unpackBaselineBundles(baseline, join(dir, 'baseline'))
    : new Map<string, string>();

  // Without workflows: no stream poller starts executions that would run beside the measurement.
  // The per-client-IP hourly limit lifted (as the fault stacks have it): seeding and the rounds of
  // SubmitComplaint, Triage, NotifyEmergency and SendAcknowledgement file well over 60 complaints an
  // hour from 127.0.0.1, and that limit is not what a cold start measures.
  const liftedLimitPolicy = faultPolicyEnv();
  const stack = await startStackProcess({ workflows: false, env: liftedLimitPolicy });
  const proxies = Object.fromEntries(
    await Promise.all(
      (Object.keys(SERVICES) as Service[]).map(async (service) => {
        const target = {
          DynamoDB: stack.urls.dynamoDb,
          'Step Functions': stack.urls.stepFunctions,
          SES: stack.urls.ses,
          'Secrets Manager': undefined,
        }[service];
        return [service, await countingProxy(target)] as const;
      }),
    ),
  ) as Record<Service, CountingProxy>;
  const signingKey = randomBytes(32).toString('base64');
  const env = handlerEnvironment(stack, proxies, signingKey, liftedLimitPolicy.POLICY_FILE);
  // This process signs the fixture's tokens with the same key as the handlers.
  process.env.TOKEN_SIGNING_KEY = signingKey;
  process.env.TABLE_NAME = TABLE_NAME;
  const invoke: FreshProcessInvoker = freshProcessInvoker(dir);
  const counts = () =>
    Object.fromEntries((Object.keys(SERVICES) as Service[]).map((s) => [s, proxies[s].requests()])) as Record<
      Service,
      number
    >;
  let seeded: Awaited<ReturnType<typeof seedColdStartFixture>> | undefined;
  try {
    seeded = await seedColdStartFixture(stack, STATE_MACHINE_ARN, async (complaintId) => {
      const run = await invoke('Triage', fileOf('Triage'), { complaintId }, env);
      if (run.outcome !== 'returned') throw new Error(`seeding: Triage ${run.outcome}`);
    });
    const fixture = seeded.fixture;
    const timed = async (name: string, file: string, event: unknown, environment = env) => {
      const before = counts();
      const run = await invoke(name, file, event, environment);
      const after = counts();
      const requests = Object.fromEntries(
        (Object.keys(SERVICES) as Service[]).map((s) => [s, after[s] - before[s]]),
      ) as Record<Service, number>;
      return { run, requests };
    };

    const functions: FunctionResult[] = entries.map((entry) => ({
      entry,
      bytes: sizes.get(entry.name)!,
      does: SAMPLE_EVENTS[entry.name]?.does ?? 'no sample event: import and a call with {} only',
      callsAws: SAMPLE_EVENTS[entry.name]?.callsAws ?? true,
      runs: [],
      requests: [],
      baselineFile: baselineBundles.get(entry.name),
      baselineRuns: [],
    }));
    // Source-map support weighed on the largest bundle only: cheap, and where it costs the most.
    const largest = functions.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const envWithoutSourceMaps = { ...env };
    delete envWithoutSourceMaps.NODE_OPTIONS;
    const empty: InvocationTiming[] = [];
    const reference: InvocationTiming[] = [];
    const withoutSourceMaps: number[] = [];
    // Round-robin, one run of everything per round: the machine's load changes over minutes (it is
    // shared), and this spreads each change over every function alike instead of onto a few.
    for (let round = 0; round < options.runs; round += 1) {
      empty.push((await timed('Empty', emptyFile, {})).run);
      reference.push((await timed('ReferenceFetch', referenceFile, {})).run);
      for (const measured of functions) {
        const sample = SAMPLE_EVENTS[measured.entry.name];
        const current = async () => {
          const { run, requests } = await timed(
            measured.entry.name,
            fileOf(measured.entry.name),
            (await sample?.event(fixture)) ?? {},
          );
          measured.runs.push(run);
          measured.requests.push(requests);
        };
        const before = async (file: string) => {
          const { run } = await timed(measured.entry.name, file, (await sample?.event(fixture)) ?? {});
          measured.baselineRuns.push(run);
        };
        if (!measured.baselineFile) await current();
        // Alternating which goes first, so neither always finds the stack warmer.
        else if (round % 2 === 0) await current().then(() => before(measured.baselineFile!));
        else await before(measured.baselineFile).then(current);
      }
      const event = (await SAMPLE_EVENTS[largest.entry.name]?.event(fixture)) ?? {};
      const { run } = await timed(
        largest.entry.name,
        fileOf(largest.entry.name),
        event,
        envWithoutSourceMaps,
      );
      withoutSourceMaps.push(run.importAndFirstCallMs);
    }

    report(result, options, baseline, { empty, reference }, functions, {
      name: largest.entry.name,
      withMs: median(largest.runs.map((r) => r.importAndFirstCallMs)),
      withoutMs: median(withoutSourceMaps),
    });
    if (options.writeBaseline) {
      const file = join(REPO_ROOT, options.writeBaseline);
      writeBaselineFile(file, dir, options.runs, loadAtStart, { empty, reference }, functions);
      result.notes.push(`Wrote the baseline ${options.writeBaseline}.`);
    }
  } finally {
    seeded?.close();
    await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
    await stack.stop();
  }
  return result;
};
