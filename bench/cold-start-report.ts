import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LambdaEntry } from '../functions/lambda-entries.ts';
import { REPO_ROOT } from '../local/paths.ts';
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
import type { InvocationTiming } from './cold-start-invoke.ts';
import type { ColdStartOptions } from './cold-start.ts';
import { loadAverage, machineFacts, type Section } from './report.ts';
import { kib, median, ms, ratio } from './stats.ts';

/** The "before" figures: the functions calling AWS through the hand-written wire client. */
export const DEFAULT_BASELINE_FILE = 'bench/baselines/cold-start-wire-client.json';

/** AWS requests of one run, by service. */
export type RequestCounts = Record<string, number>;

export interface FunctionResult {
  entry: LambdaEntry;
  bytes: number;
  does: string;
  callsAws: boolean;
  runs: InvocationTiming[];
  requests: RequestCounts[];
  /** The baseline's own bundle of this function, when the baseline archived its bundles. */
  baselineFile?: string;
  /** That bundle measured in the same rounds, on the same stack. */
  baselineRuns: InvocationTiming[];
}

const total = (requests: RequestCounts) => Object.values(requests).reduce((a, b) => a + b, 0);

const describeRequests = (requests: RequestCounts) =>
  Object.entries(requests)
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

export const medians = (runs: InvocationTiming[]) => ({
  importMs: median(runs.map((r) => r.importMs)),
  importAndFirstCallMs: median(runs.map((r) => r.importAndFirstCallMs)),
});

export const writeBaselineFile = (
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

export const report = (
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
