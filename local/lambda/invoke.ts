import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { timeoutSecondsOf } from '../../functions/lambda-entries.ts';
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

/** Lambda's longest timeout: what a function no declaration names (a test fixture) gets. */
const LAMBDA_MAXIMUM_TIMEOUT_SECONDS = 900;

/**
 * Lambda's limit on a synchronous invocation's response, in bytes of JSON: 6 MB, as its error message
 * counts it ("maximum allowed payload size (6291556 bytes)").
 */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** What Lambda reports when a function outlives its timeout (the runtime's errorType and message). */
export class FunctionTimedOut extends Error {
  override readonly name = 'Sandbox.Timedout';
  constructor(requestId: string, timeoutSeconds: number) {
    super(`RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`);
  }
}

/** What Lambda reports when a function's response is over MAX_RESPONSE_BYTES. */
export class ResponseTooLarge extends Error {
  override readonly name = 'Function.ResponseSizeTooLarge';
  constructor() {
    super(`Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`);
  }
}

/** The invocation the current code runs in, so calls it makes after its timeout can be refused. */
export interface Invocation {
  functionName: string;
  timedOut: boolean;
  /** Benchmarks only: time the capacity log's own reads took inside this invocation (not billed). */
  benchOverheadMs?: number;
}
export const currentInvocation = new AsyncLocalStorage<Invocation>();

const lambdaContext = (functionName: string, timeoutSeconds: number): Context => {
  const deadline = Date.now() + timeoutSeconds * 1000;
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
 * is shared by reference between the caller and the function; the function fails with Lambda's
 * error after its declared timeout (functions/function-timeouts.ts; `timeoutSeconds` overrides it
 * for tests) and when its response is over 6 MB.
 *
 * One process cannot stop a handler: one that times out keeps running, but every AWS call it starts
 * afterwards is refused (invocation-fence.ts), so it writes nothing more. A call already under way
 * at the timeout still completes.
 */
export const invokeLambda = async (
  functionName: string,
  entry: string,
  event: unknown,
  options: { timeoutSeconds?: number } = {},
): Promise<unknown> => {
  const handler = await loadHandler(entry);
  const timeoutSeconds =
    options.timeoutSeconds ?? timeoutSecondsOf(functionName) ?? LAMBDA_MAXIMUM_TIMEOUT_SECONDS;
  const context = lambdaContext(functionName, timeoutSeconds);
  const invocation: Invocation = { functionName, timedOut: false };
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      invocation.timedOut = true;
      reject(new FunctionTimedOut(context.awsRequestId, timeoutSeconds));
    }, timeoutSeconds * 1000);
  });
  let result: unknown;
  try {
    result = await Promise.race([
      currentInvocation.run(invocation, async () =>
        handler(JSON.parse(JSON.stringify(event)) as unknown, context),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
  // Benchmarks only (the cost model): one JSON line per invocation with its duration.
  const log = process.env.LAMBDA_INVOCATION_LOG;
  if (log)
    appendFileSync(
      log,
      `${JSON.stringify({
        functionName,
        ms: performance.now() - started - (invocation.benchOverheadMs ?? 0),
        at: Math.round(performance.timeOrigin + started),
      })}\n`,
    );
  if (crashesAfterRunning(functionName)) throw new Error(`${functionName} crashed (LAMBDA_CRASH_EVERY)`);
  const payload = result === undefined ? 'null' : JSON.stringify(result);
  if (Buffer.byteLength(payload) > MAX_RESPONSE_BYTES) throw new ResponseTooLarge();
  return JSON.parse(payload) as unknown;
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

/**
 * A failure as Step Functions reports it: a function timeout is one of the "unhandled" errors it
 * reports as Lambda.Unknown (its documentation: out of memory, timeouts), with Lambda's payload
 * in the cause; anything else is the function's error report.
 */
export const workflowTaskError = (error: unknown): Error =>
  error instanceof FunctionTimedOut
    ? Object.assign(
        new Error(
          `The cause could not be determined because Lambda did not return an error type. Returned payload: ${JSON.stringify({ errorMessage: error.message })}`,
        ),
        { name: 'Lambda.Unknown' },
      )
    : new LambdaFunctionError(lambdaErrorReport(error));
