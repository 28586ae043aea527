import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retry } from '../../../functions/app/retry.ts';

const FAST = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

describe('retry', () => {
  it('stops within its time budget: no pause that would end past it', async () => {
    let calls = 0;
    await expect(
      retry(
        { attempts: 100, baseDelayMs: 1000, maxDelayMs: 1000, withinMs: 0 },
        () => true,
        () => {
          calls += 1;
          return Promise.reject(new RangeError('busy'));
        },
      ),
    ).rejects.toThrow('busy');
    expect(calls).toBe(1);
  });

  it('returns the first success, retrying only what is retryable', async () => {
    let calls = 0;
    const result = await retry(
      FAST,
      (error) => error instanceof RangeError,
      (attempt) => {
        calls += 1;
        return attempt < 3 ? Promise.reject(new RangeError('busy')) : Promise.resolve('done');
      },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('throws a non-retryable error at once, and the last error when the attempts are spent', async () => {
    let calls = 0;
    await expect(
      retry(
        FAST,
        () => false,
        () => {
          calls += 1;
          return Promise.reject(new Error('fatal'));
        },
      ),
    ).rejects.toThrow('fatal');
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retry(
        FAST,
        () => true,
        (attempt) => {
          calls += 1;
          return Promise.reject(new Error(`busy ${attempt}`));
        },
      ),
    ).rejects.toThrow('busy 4');
    expect(calls).toBe(4);
  });

  it('pauses up to min(max, base × 2^attempt), full jitter', () => {
    const policy = { attempts: 8, baseDelayMs: 10, maxDelayMs: 400 };
    expect(backoffDelayMs(policy, 1, () => 1)).toBe(20);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(40);
    expect(backoffDelayMs(policy, 7, () => 1)).toBe(400);
    expect(backoffDelayMs(policy, 7, () => 0)).toBe(0);
  });
});
