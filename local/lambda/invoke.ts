import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { REPO_ROOT } from '../paths.ts';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<string, Promise<LambdaHandler>>();

/** Imports a handler module named by its entry path (as in routes.ts), once. */
export const loadHandler = (entry: string): Promise<LambdaHandler> => {
  let handler = loaded.get(entry);
  if (!handler) {
    handler = import(pathToFileURL(resolve(REPO_ROOT, entry)).href).then(
      (module: { handler?: LambdaHandler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
        return module.handler;
      },
    );
    loaded.set(entry, handler);
  }
  return handler;
};

const TIMEOUT_MS = 30_000;

const lambdaContext = (functionName: string): Context => {
  const deadline = Date.now() + TIMEOUT_MS;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

/**
 * Benchmarks only (fault injection): LAMBDA_CRASH_EVERY="<function name>:<n>" makes every n-th
 * invocation of that function fail after its handler has run, as a crash or a timeout after its side
 * effects would: the caller sees an error and retries. Unset (always, outside the fault benchmark),
 * nothing changes.
 */
const invocationCounts = new Map<string, number>();
const crashesAfterRunning = (functionName: string): boolean => {
  const [name, every] = (process.env.LAMBDA_CRASH_EVERY ?? '').split(':');
  if (name !== functionName || !Number(every)) return false;
  const count = (invocationCounts.get(functionName) ?? 0) + 1;
  invocationCounts.set(functionName, count);
  return count % Number(every) === 0;
};

/**
 * Invokes a handler as Lambda would: the event and the result cross a JSON boundary, so nothing
 * is shared by reference between the caller and the function.
 */
export const invokeLambda = async (functionName: string, entry: string, event: unknown): Promise<unknown> => {
  const handler = await loadHandler(entry);
  const started = performance.now();
  const result = await handler(JSON.parse(JSON.stringify(event)) as unknown, lambdaContext(functionName));
  // Benchmarks only (the cost model): one JSON line per invocation with its duration.
  const log = process.env.LAMBDA_INVOCATION_LOG;
  if (log) appendFileSync(log, `${JSON.stringify({ functionName, ms: performance.now() - started })}\n`);
  if (crashesAfterRunning(functionName)) throw new Error(`${functionName} crashed (LAMBDA_CRASH_EVERY)`);
  return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
};

/** What Lambda reports for a function that threw (the Node.js runtime's error report). */
export interface LambdaErrorReport {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export const lambdaErrorReport = (error: unknown): LambdaErrorReport =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') }
    : { errorType: 'Error', errorMessage: String(error), trace: [] };

/**
 * A function error as Step Functions sees it: the error is the report's errorType (the thrown error's
 * name), the cause the report as JSON. So Retry and Catch match the same names locally as in AWS,
 * and a Catch's Cause reads the same.
 */
export class LambdaFunctionError extends Error {
  constructor(readonly report: LambdaErrorReport) {
    super(JSON.stringify(report));
    this.name = report.errorType;
  }
}
