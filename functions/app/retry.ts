import { setTimeout } from 'node:timers/promises';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A time budget: no pause that would end later than this after the first attempt began. */
  withinMs?: number;
}

/** Full-jitter exponential backoff: a random pause of up to min(max, base × 2^attempt). */
export const backoffDelayMs = (policy: RetryPolicy, attempt: number, random: () => number = Math.random) =>
  random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);

/**
 * Runs `operation` until it succeeds, an error is not `retryable`, or the attempts are spent (the last
 * error is thrown), pausing between attempts with full-jitter backoff. The one retry loop of the
 * functions: AWS calls themselves are retried by the SDK's standard mode, this is for our own races
 * (optimistic locking, transaction conflicts, concurrent idempotent retries).
 */
export const retry = async <T>(
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean,
  operation: (attempt: number) => Promise<T>,
): Promise<T> => {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !retryable(error)) throw error;
      const delay = backoffDelayMs(policy, attempt);
      if (policy.withinMs !== undefined && Date.now() - started + delay > policy.withinMs) throw error;
      await setTimeout(delay);
    }
  }
};
