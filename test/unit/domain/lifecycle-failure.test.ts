import { describe, expect, it } from 'vitest';
import { decideLifecycleFailure, MAX_CAUSE_LENGTH } from '../../../functions/domain/lifecycle-failure.ts';
import { receivedComplaint } from '../../support/complaints.ts';

const AT = new Date('2026-11-23T02:00:00Z');
const failure = {
  stage: 'firstResponse' as const,
  error: 'DependencyUnavailable',
  cause: 'A dependency is unavailable: ProvisionedThroughputExceededException: Throughput exceeds the limit',
};

describe('decideLifecycleFailure', () => {
  it('records the stage, error and cause on the complaint, with an internal audit event', () => {
    const decision = decideLifecycleFailure(receivedComplaint(AT), failure, AT);
    expect(decision).toEqual({
      changes: { lifecycleFailure: { ...failure, at: AT.toISOString() } },
      events: [{ type: 'lifecycle.failed', customerVisible: false, details: failure }],
    });
  });

  it('records nothing when the same failure is already recorded (the recording step retried)', () => {
    const recorded = { ...receivedComplaint(AT), lifecycleFailure: { ...failure, at: AT.toISOString() } };
    expect(decideLifecycleFailure(recorded, failure, new Date(AT.getTime() + 1000))).toBeUndefined();
  });

  it('records a different failure over an earlier one, keeping both in the audit trail', () => {
    const recorded = { ...receivedComplaint(AT), lifecycleFailure: { ...failure, at: AT.toISOString() } };
    const later = new Date(AT.getTime() + 60_000);
    const decision = decideLifecycleFailure(
      recorded,
      { stage: 'resolution', error: 'TypeError', cause: 'x is not a function' },
      later,
    );
    expect(decision?.changes.lifecycleFailure).toEqual({
      stage: 'resolution',
      error: 'TypeError',
      cause: 'x is not a function',
      at: later.toISOString(),
    });
    expect(decision?.events.map((event) => event.type)).toEqual(['lifecycle.failed']);
  });

  it('keeps a long cause to MAX_CAUSE_LENGTH characters, so a retried step still matches it', () => {
    const long = { ...failure, cause: '堆栈'.repeat(MAX_CAUSE_LENGTH) };
    const decision = decideLifecycleFailure(receivedComplaint(AT), long, AT)!;
    expect(decision.changes.lifecycleFailure?.cause).toHaveLength(MAX_CAUSE_LENGTH);
    const recorded = { ...receivedComplaint(AT), ...decision.changes };
    expect(decideLifecycleFailure(recorded, long, AT)).toBeUndefined();
  });
});
