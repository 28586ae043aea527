import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What runs in each fresh `node` process: read the event (before the clock starts), import the
 * bundle, call its handler once as Lambda would, and write the two times and the outcome to a file
 * (stdout is the handler's log). Plain JavaScript, so nothing but Node itself is loaded around it.
 */
const RUNNER = `import { readFileSync, writeFileSync } from 'node:fs';
// The Lambda Node.js runtime has loaded node:http (its Runtime API client) before it imports the
// handler, so a bundle that uses it (the SDK's request handler, middy's http utilities) pays nothing
// more for it there; loaded here before the clock starts, for the baseline bundles and ours alike.
import 'node:http';
const [bundleUrl, eventFile, resultFile, functionName] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const deadline = Date.now() + 30000;
const context = {
  callbackWaitsForEmptyEventLoop: false, functionName, functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:' + functionName,
  memoryLimitInMB: '256', awsRequestId: crypto.randomUUID(), logGroupName: '/aws/lambda/' + functionName,
  logStreamName: 'bench', getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done() {}, fail() {}, succeed() {},
};
const started = performance.now();
const { handler } = await import(bundleUrl);
const imported = performance.now();
let outcome;
try {
  const result = await handler(event, context);
  if (result && typeof result === 'object' && 'statusCode' in result) {
    let type = '';
    try { type = JSON.parse(result.body).type ?? ''; } catch {}
    outcome = ('HTTP ' + result.statusCode + ' ' + (typeof type === 'string' ? type : '')).trim();
  } else outcome = 'returned';
} catch (error) {
  // One short line for the report's table.
  const message = String(error?.message ?? error).replace(/[\\s|]+/g, ' ').slice(0, 100);
  outcome = 'threw ' + (error?.name ?? 'Error') + ': ' + message;
}
const finished = performance.now();
writeFileSync(resultFile, JSON.stringify({ importMs: imported - started, importAndFirstCallMs: finished - started, outcome }));
process.exit(0);
`;

export interface InvocationTiming {
  importMs: number;
  importAndFirstCallMs: number;
  /** `HTTP 201`, `HTTP 409 /problems/…`, `returned`, or `threw <error>`. */
  outcome: string;
}

/** Writes the runner into `dir` (outside the repository, beside the bundles) and returns an invoker. */
export const freshProcessInvoker = (dir: string) => {
  const runner = join(dir, 'cold-start-runner.mjs');
  const eventFile = join(dir, 'event.json');
  const resultFile = join(dir, 'result.json');
  writeFileSync(runner, RUNNER);
  /** Imports `bundle` and invokes its handler once with `event`, in a new `node` with only `env`. */
  return async (
    functionName: string,
    bundle: string,
    event: unknown,
    env: Record<string, string>,
  ): Promise<InvocationTiming> => {
    writeFileSync(eventFile, JSON.stringify(event));
    writeFileSync(resultFile, '');
    const child = spawn(
      process.execPath,
      [runner, pathToFileURL(bundle).href, eventFile, resultFile, functionName],
      { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const text = readFileSync(resultFile, 'utf8');
    if (code !== 0 || !text)
      throw new Error(`${functionName}: runner exited ${code}: ${stderr.slice(0, 500)}`);
    return JSON.parse(text) as InvocationTiming;
  };
};

export type FreshProcessInvoker = ReturnType<typeof freshProcessInvoker>;
