/**
 * How every AWS SDK client of the functions is configured: the SDK's standard retry mode (3 attempts,
 * exponential backoff with jitter, a retry quota) and per-attempt timeouts. An attempt ends after 2 s,
 * connecting included; three of them plus the longest backoffs (throttling) stay under the shortest
 * function timeout (FUNCTION_TIMEOUT_SECONDS; test/unit/adapters/aws-client-options.test.ts checks it),
 * so a hung dependency fails the call (a named, retried task error in the workflow; a 5xx problem on
 * the API) instead of the whole invocation. `throwOnRequestTimeout`: without it the SDK only logs a
 * warning when requestTimeout passes and keeps waiting (a frozen DynamoDB hung requests for minutes).
 */
export const AWS_CLIENT_OPTIONS = {
  maxAttempts: 3,
  retryMode: 'standard',
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000, throwOnRequestTimeout: true },
} as const;
