import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROUTES } from '../functions/routes.ts';
import { STREAM_CONSUMER, WORKFLOW_TASKS } from '../functions/workflow/tasks.ts';
import { REPO_ROOT } from '../local/paths.ts';
import { section, type Section } from './report.ts';
import { kib, median, ms } from './stats.ts';

const MAX_BUNDLE_BYTES = 250 * 1024;
const MAX_IMPORT_ABOVE_EMPTY_MS = 60;

/** The banner of infra/constructs/node-function.ts (ESM bundles with CommonJS dependencies). */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Bundles `entry` with the options NodejsFunction passes to esbuild for our NodeFunction construct:
 * ESM, node22, main fields module/main, minified, source map without sources, the banner, and the
 * AWS SDK bundled (no externals).
 */
const bundle = async (entry: string, outfile: string, sdkExternal = false): Promise<number> => {
  await build({
    // Only for the explanatory column: what the bundle would weigh with the runtime's own SDK.
    ...(sdkExternal ? { external: ['@aws-sdk/*', '@smithy/*'] } : {}),
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: ESM_REQUIRE_BANNER },
    outfile,
    logLevel: 'error',
  });
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

interface Entry {
  kind: string;
  name: string;
  entry: string;
}

export const lambdaEntries = (): Entry[] => [
  ...ROUTES.map((route) => ({ kind: 'API', name: route.name, entry: route.entry })),
  ...Object.values(WORKFLOW_TASKS).map((task) => ({ kind: 'task', name: task.name, entry: task.entry })),
  { kind: 'stream', name: STREAM_CONSUMER.name, entry: STREAM_CONSUMER.entry },
];

/** Bundle size and import time of every Lambda entry, against an empty bundle built the same way. */
export const benchColdStart = async (options: { runs: number }): Promise<Section> => {
  const result = section('Cold start (bundles)');
  const dir = mkdtempSync(join(tmpdir(), 'complaints-bundles-'));
  const env: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    TABLE_NAME: 'complaints',
    POLICY_FILE: join(REPO_ROOT, 'policy/complaint-policy.json'),
    POWERTOOLS_SERVICE_NAME: 'complaints',
    NODE_OPTIONS: '--enable-source-maps',
  };
  const emptyEntry = join(dir, 'empty.ts');
  writeFileSync(emptyEntry, 'export const handler = async () => undefined;\n');
  await bundle(emptyEntry, join(dir, 'empty', 'index.mjs'));
  const measure = (file: string, environment = env) =>
    median(Array.from({ length: options.runs }, () => importTime(file, environment)));
  const { NODE_OPTIONS: _sourceMaps, ...envWithoutSourceMaps } = env;
  const empty = measure(join(dir, 'empty', 'index.mjs'));
  const emptyWithoutSourceMaps = measure(join(dir, 'empty', 'index.mjs'), envWithoutSourceMaps);

  result.lines.push(
    `Each entry bundled as infra/constructs/node-function.ts does (esbuild ${(await import('esbuild')).version}: ESM, node22, minified, banner, AWS SDK bundled); import time is the median of ${options.runs} fresh \`node\` processes (NODE_OPTIONS=--enable-source-maps as in Lambda), minus the same for an empty bundle (${ms(empty)}).`,
    '',
    'The last two columns only explain the misses: the size with the AWS SDK left to the Lambda runtime (not how we deploy), and the import time without source-map support.',
    '',
    '| function | kind | minified size | import − empty | size, SDK external | import − empty, no source maps |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  let largest = 0;
  let slowest = 0;
  const misses: string[] = [];
  for (const { kind, name, entry } of lambdaEntries()) {
    const file = join(dir, name, 'index.mjs');
    const size = await bundle(join(REPO_ROOT, entry), file);
    const above = measure(file) - empty;
    const sizeSdkExternal = await bundle(
      join(REPO_ROOT, entry),
      join(dir, `${name}-sdk-external`, 'index.mjs'),
      true,
    );
    const aboveWithoutSourceMaps = measure(file, envWithoutSourceMaps) - emptyWithoutSourceMaps;
    largest = Math.max(largest, size);
    slowest = Math.max(slowest, above);
    const sizeOk = size <= MAX_BUNDLE_BYTES;
    const timeOk = above <= MAX_IMPORT_ABOVE_EMPTY_MS;
    if (!sizeOk || !timeOk) misses.push(name);
    result.lines.push(
      `| ${name} | ${kind} | ${kib(size)}${sizeOk ? '' : ' ✗'} | ${ms(above)}${timeOk ? '' : ' ✗'} | ${kib(sizeSdkExternal)} | ${ms(aboveWithoutSourceMaps)} |`,
    );
  }
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
  if (misses.length > 0)
    result.notes.push(
      `Over a target: ${misses.join(', ')}.`,
      'Why: the AWS SDK v3 is bundled on purpose (bundleAwsSDK, so Lambda runs the SDK the tests ran); its clients, @smithy/core and the credential chain are most of every bundle that touches AWS (compare the "SDK external" column), and evaluating them plus the zod schemas at import is most of the import time. Source maps are not the cause (last column). Already done cheaply: `import * as z from "zod"` instead of `import { z }` lets esbuild drop zod\'s locales and unused API (zod 443 KiB → ~85 KiB per bundle). Not done, as not cheap: leaving the SDK to the runtime (a design decision), zod/mini, lazy-loading clients.',
    );
  return result;
};
