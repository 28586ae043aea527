/** What invokes a function; each kind has one timeout. */
export type FunctionKind = 'API' | 'task' | 'stream' | 'schedule' | 'event';

/**
 * Each function's timeout in seconds, by kind: CDK sets it on the Lambda function and the local
 * runtime stops waiting for the handler after it, as Lambda does. API functions stay under API
 * Gateway's 30 s integration timeout, so a hung dependency ends in the function's own 5xx problem.
 * Every AWS call's client-side timeout (adapters/aws-client-options.ts) stays under the shortest one.
 */
export const FUNCTION_TIMEOUT_SECONDS = {
  API: 10,
  task: 30,
  stream: 60,
  schedule: 60,
  event: 10,
} as const satisfies Record<FunctionKind, number>;
