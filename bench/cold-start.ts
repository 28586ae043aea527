import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { lambdaEntries } from '../functions/lambda-entries.ts';
import { LAMBDA_ESBUILD_OPTIONS } from '../infra/constructs/bundling.ts';
import { REPO_ROOT } from '../local/paths.ts';
import { section, type Section } from './report.ts';
import { kib, median, ms } from './stats.ts';

const MAX_BUNDLE_BYTES = 250 * 1024;
const MAX_IMPORT_ABOVE_EMPTY_MS = 60;

/** Bundles `entry` as NodeFunction does (infra/constructs/bundling.ts); returns its size in bytes. */
const bundle = async (entry: string, outfile: string): Promise<number> => {
  await build({ ...LAMBDA_ESBUILD_OPTIONS, entryPoints: [entry], outfile, logLevel: 'error' });
  return statSync(outfile).size;
};

/** Milliseconds to import `file` in a fresh Node process, as Lambda's runtime would on a cold start. */
const importTime = (file: string, env: Record<string, string>): number => {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return Number(out);
};

/** Bundle size and import time of every Lambda entry, against an empty bundle built the same way. */
export const benchColdStart = async (options: { runs: number }): Promise<Section> => {
  // Outside the repository, so that a bundle importing anything it does not carry fails here as it
  // would in Lambda, instead of finding the repository's node_modules.
  const dir = mkdtempSync(join(tmpdir(), 'complaints-bundles-'));
  try {
    return await measureBundles(dir, options.runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const measureBundles = async (dir: string, runs: number): Promise<Section> => {
  const result = section('Cold start (bundles)');
  // As deployed (infra/constructs/node-function.ts), and without source-map support to show its cost.
  const envWithoutSourceMaps: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    TABLE_NAME: 'complaints',
    POLICY_FILE: join(REPO_ROOT, 'policy/complaint-policy.json'),
    POWERTOOLS_SERVICE_NAME: 'complaints',
  };
  const env: Record<string, string> = { ...envWithoutSourceMaps, NODE_OPTIONS: '--enable-source-maps' };
  const emptyEntry = join(dir, 'empty.ts');
  writeFileSync(emptyEntry, 'export const handler = async () => undefined;\n');
  await bundle(emptyEntry, join(dir, 'empty', 'index.mjs'));
  const measure = (file: string, environment = env) =>
    median(Array.from({ length: runs }, () => importTime(file, environment)));
  const empty = measure(join(dir, 'empty', 'index.mjs'));
  const emptyWithoutSourceMaps = measure(join(dir, 'empty', 'index.mjs'), envWithoutSourceMaps);

  result.lines.push(
    `Each entry bundled as infra/constructs/node-function.ts does (esbuild ${(await import('esbuild')).version}: ESM, node22, minified, banner, self-contained: nothing left to the runtime, AWS called through functions/adapters/aws rather than SDK clients). Import time is the median of ${runs} fresh \`node\` processes with NODE_OPTIONS=--enable-source-maps (as deployed), minus the same for an empty bundle (${ms(empty)}).`,
    '',
    `The last column weighs a decision: the import time without source-map support (empty bundle ${ms(emptyWithoutSourceMaps)}).`,
    '',
    '| function | kind | minified size | import − empty | import − empty, no source maps |',
    '| --- | --- | --- | --- | --- |',
  );
  let largest = 0;
  let slowest = 0;
  const misses: string[] = [];
  const sourceMapCosts: number[] = [];
  for (const { kind, name, entry } of lambdaEntries()) {
    const file = join(dir, name, 'index.mjs');
    const size = await bundle(join(REPO_ROOT, entry), file);
    const above = measure(file) - empty;
    const aboveWithoutSourceMaps = measure(file, envWithoutSourceMaps) - emptyWithoutSourceMaps;
    sourceMapCosts.push(above - aboveWithoutSourceMaps);
    largest = Math.max(largest, size);
    slowest = Math.max(slowest, above);
    const sizeOk = size <= MAX_BUNDLE_BYTES;
    const timeOk = above <= MAX_IMPORT_ABOVE_EMPTY_MS;
    if (!sizeOk || !timeOk) misses.push(name);
    result.lines.push(
      `| ${name} | ${kind} | ${kib(size)}${sizeOk ? '' : ' ✗'} | ${ms(above)}${timeOk ? '' : ' ✗'} | ${ms(aboveWithoutSourceMaps)} |`,
    );
  }
  result.lines.push(
    '',
    `Source-map support at run time: median difference ${ms(median(sourceMapCosts))} per import (min ${ms(Math.min(...sourceMapCosts))}, max ${ms(Math.max(...sourceMapCosts))}): what turning it off (infra/constructs/node-function.ts keeps it, for readable stack traces) would save per cold start, measured on a machine this noisy.`,
  );
  result.targets.push(
    {
      name: 'largest bundle',
      value: kib(largest),
      target: `≤ ${kib(MAX_BUNDLE_BYTES)}`,
      pass: largest <= MAX_BUNDLE_BYTES,
    },
    {
      name: 'slowest import above empty',
      value: ms(slowest),
      target: `≤ ${ms(MAX_IMPORT_ABOVE_EMPTY_MS)}`,
      pass: slowest <= MAX_IMPORT_ABOVE_EMPTY_MS,
    },
  );
  if (misses.length > 0) result.notes.push(`Over a target: ${misses.join(', ')}.`);
  return result;
};
