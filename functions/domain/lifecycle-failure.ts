import type { Complaint, LifecycleFailure } from './complaint.ts';
import type { Decision } from './lifecycle.ts';

import { LIFECYCLE_STAGES, type LifecycleStage } from './vocabulary.ts';

export { LIFECYCLE_STAGES, type LifecycleFailure, type LifecycleStage };

/** Enough to identify the failure; a stack trace or a long service message is cut here. */
export const MAX_CAUSE_LENGTH = 1000;

/**
 * Records that the lifecycle failed at `stage`: the failure on the complaint and an internal audit
 * event. Returns undefined when this very failure is already recorded (the recording step retried).
 */
export const decideLifecycleFailure = (
  complaint: Pick<Complaint, 'lifecycleFailure'>,
  failure: { stage: LifecycleStage; error: string; cause: string },
  now: Date,
): Decision | undefined => {
  const { stage, error } = failure;
  const cause = failure.cause.slice(0, MAX_CAUSE_LENGTH);
  const recorded = complaint.lifecycleFailure;
  if (recorded?.stage === stage && recorded.error === error && recorded.cause === cause) return undefined;
  return {
    changes: { lifecycleFailure: { stage, error, cause, at: now.toISOString() } },
    events: [{ type: 'lifecycle.failed', customerVisible: false, details: { stage, error, cause } }],
  };
};
