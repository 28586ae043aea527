import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import { lambdaEntries, type LambdaEntry } from '../functions/lambda-entries.ts';
import { LAMBDA_ESBUILD_OPTIONS } from '../infra/constructs/bundling.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localStateMachineArn } from '../local/aws-local.ts';
import { REPO_ROOT } from '../local/paths.ts';
import { TABLE_NAME } from '../local/stack.ts';
import { countingProxy, type CountingProxy } from './aws-request-counter.ts';
import {
  bundleSizeTarget,
  compareMs,
  compareToBaseline,
  parseBaseline,
  ratioTarget,
  type BaselineComparison,
  type ColdStartBaseline,
} from './cold-start-baseline.ts';
import { SAMPLE_EVENTS } from './cold-start-events.ts';
import { seedColdStartFixture } from './cold-start-fixture.ts';
import { freshProcessInvoker, type FreshProcessInvoker, type InvocationTiming } from './cold-start-invoke.ts';
import { startStackProcess, type StackProcess } from './local-stack-process.ts';
import { loadAverage, machineFacts, section, type Section } from './report.ts';
import { kib, median, ms, ratio } from './stats.ts';

/** The "before" figures: the functions calling AWS through the hand-written wire client. */
export const DEFAULT_BASELINE_FILE = 'bench/baselines/cold-start-wire-client.json';

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
  POLICY_FILE: join(REPO_ROOT, 'policy/complaint-policy.json'),
  POWERTOOLS_SERVICE_NAME: 'complaints',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  // As deployed (infra/constructs/node-function.ts).
  NODE_OPTIONS: '--enable-source-maps',
});

interface FunctionResult {
  entry: LambdaEntry;
  bytes: number;
  does: string;
  callsAws: boolean;
  runs: InvocationTiming[];
  /** AWS requests per run, by service. */
  requests: Record<Service, number>[];
  /** The baseline's own bundle of this function, when the baseline archived its bundles. */
  baselineFile?: string;
  /** That bundle measured in the same rounds, on the same stack. */
  baselineRuns: InvocationTiming[];
}

const total = (requests: Record<Service, number>) => Object.values(requests).reduce((a, b) => a + b, 0);

const describeRequests = (requests: Record<Service, number>) =>
  (Object.entries(requests) as [Service, number][])
    .filter(([, count]) => count > 0)
    .map(([service, count]) => `${service} ${count}`)
    .join(', ') || 'none';

/** Distinct outcomes with how many runs had each. */
const describeOutcomes = (runs: InvocationTiming[]) => {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.outcome, (counts.get(run.outcome) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${outcome} ×${count}`).join('; ');
};

const gitCommit = (): string => {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'functions', 'infra', 'package.json'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  }).trim();
  return dirty ? `${head} (with uncommitted changes to functions/, infra/ or package.json)` : head;
};

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
  const stack = await startStackProcess({ workflows: false });
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
  const env = handlerEnvironment(stack, proxies, signingKey);
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

const medians = (runs: InvocationTiming[]) => ({
  importMs: median(runs.map((r) => r.importMs)),
  importAndFirstCallMs: median(runs.map((r) => r.importAndFirstCallMs)),
});

const writeBaselineFile = (
  file: string,
  bundleDir: string,
  runs: number,
  loadAtStart: string,
  references: { empty: InvocationTiming[]; reference: InvocationTiming[] },
  functions: FunctionResult[],
) => {
  const round = (value: number) => Math.round(value * 10) / 10;
  const rounded = (figures: { importMs: number; importAndFirstCallMs: number }) => ({
    importMs: round(figures.importMs),
    importAndFirstCallMs: round(figures.importAndFirstCallMs),
  });
  const [date, machine, node] = machineFacts();
  // The bundles too (self-contained, with their source maps), so that the lead can measure them
  // again beside the new ones once the code that built them is gone.
  // xz, not gzip: its window spans files, and the bundles share most of their code (0.3 MB, not 2.4).
  const archive = basename(file).replace(/\.json$/u, '') + '-bundles.tar.xz';
  mkdirSync(dirname(file), { recursive: true });
  execFileSync(
    'tar',
    [
      '-cJf',
      join(dirname(file), archive),
      '-C',
      bundleDir,
      ...functions.flatMap((f) => [`${f.entry.name}/index.mjs`, `${f.entry.name}/index.mjs.map`]),
    ],
    { env: { ...process.env, XZ_OPT: '-9e' } },
  );
  const baseline: ColdStartBaseline = {
    measuredWith:
      'hand-written SigV4 wire client (functions/adapters/aws: aws4fetch + fetch), no AWS SDK client in the bundles',
    commit: gitCommit(),
    date: date!.replace(/^date: /u, ''),
    node: node!,
    machine: machine!.replace(/^machine: /u, ''),
    loadAverage: { start: loadAtStart, end: loadAverage() },
    runs,
    emptyBundle: rounded(medians(references.empty)),
    referenceFetch: rounded(medians(references.reference)),
    bundles: archive,
    functions: Object.fromEntries(
      functions.map((f) => [f.entry.name, { bytes: f.bytes, ...rounded(medians(f.runs)) }]),
    ),
  };
  parseBaseline(JSON.stringify(baseline));
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
};

const report = (
  result: Section,
  options: ColdStartOptions,
  baseline: ColdStartBaseline | undefined,
  references: { empty: InvocationTiming[]; reference: InvocationTiming[] },
  functions: FunctionResult[],
  sourceMaps: { name: string; withMs: number; withoutMs: number },
) => {
  const emptyMedians = medians(references.empty);
  const referenceMs = medians(references.reference).importAndFirstCallMs;
  result.lines.push(
    `Each entry bundled as infra/constructs/node-function.ts does (esbuild, LAMBDA_ESBUILD_OPTIONS), outside the repository. For each function, ${options.runs} fresh \`node\` processes (NODE_OPTIONS=--enable-source-maps, as deployed; taken round-robin, one of each function per round, so the shared machine's changing load falls on all alike) each import the bundle and invoke its handler once with the sample event below, against a local stack of its own (\`--in-memory --without-workflows\`) with the environment the local runtime gives handlers; AWS endpoints go through counting proxies, so every run's AWS requests are counted. Medians; "import + first call" is what a cold start bills (init and the first invocation).`,
    '',
    `Empty bundle (a handler returning at once): import ${ms(emptyMedians.importMs)}, import + call ${ms(emptyMedians.importAndFirstCallMs)}. Reference bundle (one unsigned \`fetch\` to the DynamoDB endpoint, no client): import + call ${ms(referenceMs)}${baseline ? ` (${ms(baseline.referenceFetch.importAndFirstCallMs)} in the baseline run)` : ''}.`,
    baseline
      ? `Baseline: ${DEFAULT_BASELINE_FILE} (${baseline.measuredWith}; commit ${baseline.commit.slice(0, 12)}, ${baseline.date}, ${baseline.node}, load ${baseline.loadAverage.start}; empty bundle then ${ms(baseline.emptyBundle.importAndFirstCallMs)}). The recorded figures came from another run, under another load on a shared machine, which can move them by more than the 1.5× target allows; so the baseline's own bundles (${baseline.bundles ?? 'not archived'}) are also measured again in this run, alternating with the current ones, on the same stack: the "same run" columns.`
      : options.writeBaseline
        ? `This run writes the baseline ${options.writeBaseline}.`
        : `No baseline file (${DEFAULT_BASELINE_FILE}): no ratios.`,
    '',
    '| function | kind | minified | import − empty | import + first call | recorded baseline | ratio | baseline bundle, same run | ratio, same run | AWS requests (1st run; fewest) | outcome |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const comparisons: { name: string; comparison: BaselineComparison }[] = [];
  const sameRunComparisons: { name: string; comparison: BaselineComparison }[] = [];
  const silent: string[] = [];
  for (const f of functions) {
    const figures = medians(f.runs);
    const comparison = compareToBaseline(f.entry.name, figures.importAndFirstCallMs, baseline);
    const sameRun = compareMs(
      figures.importAndFirstCallMs,
      f.baselineRuns.length > 0 ? medians(f.baselineRuns).importAndFirstCallMs : undefined,
    );
    comparisons.push({ name: f.entry.name, comparison });
    sameRunComparisons.push({ name: f.entry.name, comparison: sameRun });
    const fewest = Math.min(...f.requests.map(total));
    if (f.callsAws && fewest === 0) silent.push(f.entry.name);
    const columns = (c: BaselineComparison) =>
      c.kind === 'compared'
        ? [ms(c.baselineMs), `${ratio(c.ratio)}${c.pass ? '' : ' ✗'}`]
        : ['no baseline', '–'];
    const compared = [...columns(comparison), ...columns(sameRun)];
    result.lines.push(
      `| ${f.entry.name} | ${f.entry.kind} | ${kib(f.bytes)} | ${ms(figures.importMs - emptyMedians.importMs)} | ${ms(figures.importAndFirstCallMs)} | ${compared.join(' | ')} | ${describeRequests(f.requests[0]!)}; ${fewest} | ${describeOutcomes(f.runs)} |`,
    );
  }
  result.lines.push('', 'What each sample event does:', '');
  for (const f of functions) result.lines.push(`- ${f.entry.name}: ${f.does}.`);
  result.lines.push(
    '',
    `Source-map support at run time (NODE_OPTIONS=--enable-source-maps, kept for readable stack traces), on the largest bundle (${sourceMaps.name}): import + first call ${ms(sourceMaps.withMs)} with, ${ms(sourceMaps.withoutMs)} without (difference ${ms(sourceMaps.withMs - sourceMaps.withoutMs)}, on a machine this noisy).`,
  );
  result.targets.push(bundleSizeTarget(functions.map((f) => ({ name: f.entry.name, bytes: f.bytes }))));
  if (!options.writeBaseline)
    result.targets.push(
      ratioTarget('import + first call vs recorded baseline', comparisons),
      ratioTarget('import + first call vs baseline bundles, same run', sameRunComparisons),
    );
  result.targets.push({
    name: 'every sample event reached AWS in every run',
    value: silent.length === 0 ? 'yes' : `no AWS request: ${silent.join(', ')}`,
    target: 'each function that calls AWS did',
    pass: silent.length === 0,
  });
  const unsampled = functions.filter((f) => !SAMPLE_EVENTS[f.entry.name]).map((f) => f.entry.name);
  if (unsampled.length > 0)
    result.notes.push(`No sample event in bench/cold-start-events.ts for: ${unsampled.join(', ')}.`);
  for (const f of functions) {
    const threw = f.runs.filter((r) => r.outcome.startsWith('threw'));
    if (threw.length > 0)
      result.notes.push(
        `${f.entry.name} threw in ${threw.length} of ${f.runs.length} runs (${threw[0]!.outcome}), after at least ${Math.min(...f.requests.map(total))} AWS request(s).`,
      );
  }
};
