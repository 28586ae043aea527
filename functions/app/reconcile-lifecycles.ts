import { decideRedriven, executionName, redriveAction } from '../domain/lifecycle-watch.ts';
import type {
  BusinessMetrics,
  Clock,
  ComplaintStore,
  LifecycleExecutions,
  LifecycleWatch,
  WorkflowStarter,
} from './ports.ts';

export interface ReconcileDeps {
  watch: LifecycleWatch;
  store: ComplaintStore;
  executions: LifecycleExecutions;
  starter: WorkflowStarter;
  clock: Clock;
  metrics: BusinessMetrics;
}

export interface Reconciled {
  checked: number;
  /** Complaints whose lifecycle was started again (or, never started, for the first time). */
  redriven: string[];
  /** Due complaints whose execution is still running: late, but never given a second execution. */
  stuck: string[];
  /** Complaints this run could not check or re-drive (the next run tries again). */
  failed: { id: string; error: unknown }[];
}

const reconcileOne = async (deps: ReconcileDeps, id: string): Promise<'redriven' | 'stuck' | 'gone'> => {
  const complaint = await deps.store.get(id);
  if (!complaint) return 'gone';
  const previous = await deps.executions.state(executionName(id, complaint.lifecycleAttempt ?? 0));
  const action = redriveAction(complaint, previous);
  if (action.kind === 'leave') return 'stuck';
  await deps.starter.start(id, action.attempt);
  const seenFailure = complaint.lifecycleFailure;
  await deps.store.mutate(id, { kind: 'system' }, (current) => ({
    decision: decideRedriven(current, { attempt: action.attempt, previous, seenFailure }),
    result: undefined,
  }));
  return 'redriven';
};

/**
 * Finds complaints whose workflow is late (the lifecycle-watch index) and starts the lifecycle again
 * for each whose execution is not running: failed, aborted, timed out, ended, or never started. The
 * new execution re-reads the complaint in every step, so it skips what is done (a triaged complaint is
 * not triaged again, a sent acknowledgement not sent again) and waits in the stage the complaint is in.
 *
 * Start first, then record: a crash in between leaves the attempt unrecorded, and the next run starts
 * the same name again (Step Functions answers that as already started) and records it then.
 */
export const reconcileLifecycles = async (deps: ReconcileDeps, limit: number): Promise<Reconciled> => {
  const ids = await deps.watch.due(deps.clock.now(), limit);
  const result: Reconciled = { checked: ids.length, redriven: [], stuck: [], failed: [] };
  // One after another: a run handles a bounded batch, and a burst of StartExecution would be throttled.
  for (const id of ids) {
    try {
      const outcome = await reconcileOne(deps, id);
      if (outcome === 'redriven') {
        result.redriven.push(id);
        deps.metrics.count('LifecycleRedriven');
      } else if (outcome === 'stuck') {
        result.stuck.push(id);
        deps.metrics.count('LifecycleStuck');
      }
    } catch (error) {
      result.failed.push({ id, error });
    }
  }
  return result;
};
