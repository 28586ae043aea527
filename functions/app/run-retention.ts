import { retentionCutoff } from '../domain/retention.ts';
import { anonymiseComplaint, type AnonymiseComplaintDeps } from './anonymise-complaint.ts';
import type { Clock, RetentionIndex } from './ports.ts';

export interface RunRetentionDeps extends AnonymiseComplaintDeps {
  index: RetentionIndex;
  clock: Clock;
  /** Milliseconds the invocation has left (Lambda's getRemainingTimeInMillis). */
  remainingMs: () => number;
}

export interface RetentionRun {
  /** Complaints the index named as due this run. */
  due: number;
  anonymised: string[];
  /** Named but not anonymised: a legal hold or a reopening since the index was written, or not yet due. */
  skipped: { id: string; why: string }[];
  failed: { id: string; error: unknown }[];
  /** Stopped for time with complaints left: the next run continues (they are still in the index). */
  stoppedEarly: boolean;
}

/**
 * One run of the retention job: anonymises the complaints whose retention period is over, at most the
 * policy's `retention.maxPerRun`, one after another, and stops while `reserveMs` of the invocation is
 * left; what is left stays in the index for the next run. One complaint failing does not stop the rest.
 */
export const runRetention = async (deps: RunRetentionDeps, reserveMs: number): Promise<RetentionRun> => {
  const { policy } = deps.policy.current();
  const ids = await deps.index.due(retentionCutoff(policy, deps.clock.now()), policy.retention.maxPerRun);
  const run: RetentionRun = { due: ids.length, anonymised: [], skipped: [], failed: [], stoppedEarly: false };
  for (const id of ids) {
    if (deps.remainingMs() < reserveMs) {
      run.stoppedEarly = true;
      break;
    }
    try {
      const outcome = await anonymiseComplaint(deps, {
        complaintId: id,
        reason: 'retention',
        requestedBy: 'retention',
      });
      if (outcome.kind === 'anonymised') run.anonymised.push(id);
      else run.skipped.push({ id, why: outcome.kind === 'refused' ? outcome.why : outcome.kind });
    } catch (error) {
      run.failed.push({ id, error });
    }
  }
  return run;
};
