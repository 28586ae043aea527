import { isServerError, isThrottlingError, isTransientError } from '@smithy/service-error-classification';

type SdkError = Parameters<typeof isTransientError>[0];

/**
 * A dependency of a workflow task (DynamoDB, SES, Step Functions, Secrets Manager) did not answer
 * usefully for a while: throttled, a 5xx, a timeout, a lost connection. The state machine retries
 * this error by name with a long backoff; every other error is a bug or a refusal and is not retried.
 * Lambda reports `name` as the errorType, which Step Functions matches in Retry and Catch.
 */
export class DependencyUnavailable extends Error {
  override readonly name = 'DependencyUnavailable';

  constructor(cause: unknown) {
    // Lambda's error report keeps the message but not `cause`, so the message names the original error.
    super(`A dependency is unavailable: ${describe(cause)}`, { cause });
  }
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Whether `error` says "try again later" rather than "this will never work": the SDK's own
 * classification (throttling, transient and server errors, `$retryable`, `TimeoutError`, Node network
 * codes such as ECONNREFUSED, also when they are the `cause`), plus `$fault: 'server'`, plus a
 * complaint that stayed too busy to save.
 */
export const isDependencyUnavailable = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (error instanceof DependencyUnavailable) return true;
  const fields = error as unknown as Record<string, unknown>;
  // The SDK's type for what it classifies; its functions only read optional fields of any error.
  const sdkError = error as SdkError;
  return (
    fields.$fault === 'server' ||
    isThrottlingError(sdkError) ||
    isTransientError(sdkError) ||
    isServerError(sdkError) ||
    // The complaint store gave up on a complaint that kept changing under it: busy, not broken. By
    // name, so that the classifier does not bundle the store into every task.
    error.name === 'ConcurrentChange'
  );
};

/** `error` as DependencyUnavailable (original kept as `cause`) when it is transient, else unchanged. */
export const asDependencyUnavailable = (error: unknown): unknown =>
  isDependencyUnavailable(error) && !(error instanceof DependencyUnavailable)
    ? new DependencyUnavailable(error)
    : error;
