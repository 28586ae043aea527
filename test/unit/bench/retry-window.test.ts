import { describe, expect, it } from 'vitest';
import { longestRetryWindow } from '../../../bench/retry-window.ts';

const definition = (retriers: Record<string, unknown>[]) => ({
  StartAt: 'A',
  States: {
    A: { Type: 'Task', Resource: 'arn', Retry: retriers, Next: 'B' },
    B: { Type: 'Pass', End: true },
  },
});

describe('longestRetryWindow', () => {
  it('sums the backoff, capped at MaxDelaySeconds', () => {
    expect(
      longestRetryWindow(
        definition([
          { ErrorEquals: ['X'], IntervalSeconds: 3, MaxAttempts: 10, BackoffRate: 2, MaxDelaySeconds: 180 },
        ]),
      ),
    ).toEqual({ state: 'A', attempts: 11, waitSeconds: 3 + 6 + 12 + 24 + 48 + 96 + 180 * 4 });
  });

  it('takes the ASL defaults (1 s, 3 retries, rate 2) and the longest retrier', () => {
    expect(
      longestRetryWindow(
        definition([{ ErrorEquals: ['X'] }, { ErrorEquals: ['Y'], IntervalSeconds: 1, MaxAttempts: 1 }]),
      ),
    ).toEqual({ state: 'A', attempts: 4, waitSeconds: 7 });
  });

  it('counts each wait as the local override when there is one', () => {
    expect(
      longestRetryWindow(definition([{ ErrorEquals: ['X'], IntervalSeconds: 3, MaxAttempts: 10 }]), 500),
    ).toEqual({ state: 'A', attempts: 11, waitSeconds: 5 });
  });
});
