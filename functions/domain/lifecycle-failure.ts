import type { Complaint } from './complaint.ts';
import type { Decision } from './lifecycle.ts';

/** The stages of the lifecycle workflow a failure is recorded against. */
export const LIFECYCLE_STAGES = [
  'triage',
  'emergency',
  'acknowledgement',
  'firstResponse',
  'resolution',
  'followUp',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/**
 * The complaint's workflow stopped: a step failed with an error the workflow does not retry, or kept
 * failing after every retry. Staff see it on the case; a reconciler finds the complaint by it and
 * starts the lifecycle again.
 */
export interface LifecycleFailure {
  stage: LifecycleStage;
  /** The error's name as Step Functions reported it (DependencyUnavailable, TypeError, …). */
  error: string;
  /** What the failing step said, shortened to MAX_CAUSE_LENGTH characters. */
  cause: string;
  at: string;
}

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
