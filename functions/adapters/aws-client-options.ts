/**
 * How every AWS SDK client of the functions is configured: the SDK's standard retry mode (3 attempts,
 * exponential backoff with jitter, a retry quota, 500 ms base delay on throttling) and per-attempt
 * timeouts. Three attempts of at most 1 s to connect plus 2 s to answer stay under the functions' 10 s
 * timeout, so a hung dependency fails the call (a named, retried task error in the workflow; a 5xx
 * problem on the API) instead of the whole invocation.
 */
export const AWS_CLIENT_OPTIONS = {
  maxAttempts: 3,
  retryMode: 'standard',
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
} as const;
