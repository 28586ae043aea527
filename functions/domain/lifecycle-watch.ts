import type { Complaint, LifecycleFailure } from './complaint.ts';
import { shardedPartition } from './key-shards.ts';
import type { Decision } from './lifecycle.ts';

const DONE_STATUSES = new Set(['resolved', 'closed', 'rejected']);
const MINUTE_MS = 60 * 1000;

/**
 * How long after its cue a healthy workflow has surely acted on a complaint, so that the reconciler
 * looks only at complaints whose workflow is late. Triage and acknowledgement take seconds, but their
 * retries (10 with backoff, jittered) may last ~15 min in the worst case; a stage check is acted on
 * within seconds of its time. A workflow found still RUNNING is never touched, so these only decide
 * how soon a dead workflow is noticed and how many live ones are looked at for nothing.
 */
export const WATCH_GRACE = { unacknowledgedMinutes: 20, stageCheckMinutes: 60 } as const;

/**
 * Partition of the sparse lifecycle-watch index, split into shards by complaint (domain/key-shards.ts:
 * every open complaint's saves rewrite its row, ≈ 1,940 writes/s on one partition at 1 M/day): a
 * watched complaint is in `watch#<shard>`; the reconciler Queries them all.
 */
export const LIFECYCLE_WATCH = 'watch';

/** Attributes that place a complaint in the lifecycle-watch index, derived from it with every save. */
export interface LifecycleWatchAttributes {
  /** `watch#<shard>` */
  lifecycleWatch: string | undefined;
  /** When the reconciler should check the complaint's workflow, if nothing has changed by then. */
  lifecycleWatchAt: string | undefined;
}

export const LIFECYCLE_WATCH_ATTRIBUTE_NAMES: readonly (keyof LifecycleWatchAttributes)[] = [
  'lifecycleWatch',
  'lifecycleWatchAt',
];

const plusMinutes = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();

/**
 * When a complaint's workflow is late, if it does not move: at once after a recorded failure; a while
 * after submission while not yet acknowledged (the workflow never started, or died before); a while
 * after the next check of an open, running SLA stage. Undefined when nothing is due (a paused stage,
 * finished work without failure): the complaint stays out of the sparse index.
 */
export const lifecycleWatchAt = (complaint: Complaint): string | undefined => {
  if (complaint.lifecycleFailure) return complaint.lifecycleFailure.at;
  if (DONE_STATUSES.has(complaint.status)) return undefined;
  // A customer without an address stays unacknowledged until staff reach them: once triaged, its
  // workflow is watched by its SLA checks like any other.
  const awaitingAcknowledgement =
    !complaint.acknowledgedAt && (complaint.customer.email !== undefined || !complaint.sla);
  if (awaitingAcknowledgement) return plusMinutes(complaint.submittedAt, WATCH_GRACE.unacknowledgedMinutes);
  const checks = [complaint.sla?.firstResponse, complaint.sla?.resolution]
    .filter((clock) => clock !== undefined && clock.completedAt === undefined && !clock.pausedAt)
    .map((clock) => clock!.nextCheckAt)
    .sort();
  return checks[0] && plusMinutes(checks[0], WATCH_GRACE.stageCheckMinutes);
};

export const lifecycleWatchAttributes = (complaint: Complaint): LifecycleWatchAttributes => {
  const at = lifecycleWatchAt(complaint);
  return {
    lifecycleWatch: at ? shardedPartition(LIFECYCLE_WATCH, complaint.id) : undefined,
    lifecycleWatchAt: at,
  };
};

/**
 * The name of the complaint's lifecycle execution of attempt `attempt`: the complaint id first (as the
 * stream starter names it), then `<id>-r1`, `<id>-r2`… Step Functions keeps names unique per state
 * machine for 90 days, so a re-drive needs a new one; a retried re-drive of one attempt starts nothing twice.
 */
export const executionName = (complaintId: string, attempt: number): string =>
  attempt === 0 ? complaintId : `${complaintId}-r${attempt}`;

/** Step Functions execution statuses, and `none` when the execution does not exist. */
export type ExecutionState =
  'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE' | 'none';

/** What the reconciler does about a watched complaint whose current execution is in `state`. */
export const redriveAction = (
  complaint: Pick<Complaint, 'lifecycleAttempt'>,
  state: ExecutionState,
): { kind: 'leave' } | { kind: 'start'; attempt: number } => {
  // Running (or being redriven by Step Functions itself): never a second execution beside it.
  if (state === 'RUNNING' || state === 'PENDING_REDRIVE') return { kind: 'leave' };
  const current = complaint.lifecycleAttempt ?? 0;
  // The first execution never started: start it under its own name, as the stream starter would.
  if (state === 'none' && current === 0) return { kind: 'start', attempt: 0 };
  return { kind: 'start', attempt: current + 1 };
};

/**
 * Records that the lifecycle was started again as attempt `attempt`: the attempt (so the next
 * re-drive takes a new name) and an internal audit event; the failure that caused it is cleared, only
 * if it is still the one seen (a failure of the new execution is kept). Undefined when this attempt
 * is already recorded (a retried re-drive).
 */
export const decideRedriven = (
  complaint: Pick<Complaint, 'lifecycleAttempt' | 'lifecycleFailure'>,
  redrive: { attempt: number; previous: ExecutionState; seenFailure: LifecycleFailure | undefined },
): Decision | undefined => {
  const { attempt, previous, seenFailure } = redrive;
  if (complaint.lifecycleAttempt !== undefined && complaint.lifecycleAttempt >= attempt) return undefined;
  const failure = complaint.lifecycleFailure;
  const clears = failure !== undefined && seenFailure !== undefined && failure.at === seenFailure.at;
  return {
    changes: { lifecycleAttempt: attempt, ...(clears ? { lifecycleFailure: undefined } : {}) },
    events: [
      {
        type: 'lifecycle.redriven',
        customerVisible: false,
        details: {
          attempt,
          previous,
          ...(seenFailure ? { failedStage: seenFailure.stage, error: seenFailure.error } : {}),
        },
      },
    ],
  };
};
