import type { LifecycleEndings, StageWaits, WorkflowSignals } from './ports.ts';

/**
 * The workflow waits on a stage: store its task token where staff actions find it. If the complaint
 * changed after the stage was planned, the plan may be stale, so the token is answered at once and
 * the workflow plans again: a race costs a loop, never a missed signal. When the plan is the end
 * (the complaint closed), the wait is answered at once with the lifecycle's end instead.
 */
export const registerWait = async (
  deps: { waits: StageWaits; signals: WorkflowSignals; endings: LifecycleEndings },
  wait: { complaintId: string; version: number; stage: string; taskToken: string; next?: 'await' | 'end' },
): Promise<'stored' | 'changed-since' | 'ended'> => {
  if (wait.next === 'end') {
    await deps.endings.end(wait.taskToken);
    return 'ended';
  }
  const outcome = await deps.waits.store(wait.complaintId, wait.version, wait.stage, wait.taskToken);
  if (outcome === 'changed-since')
    await deps.signals.signal({ id: wait.complaintId, waitToken: wait.taskToken });
  return outcome;
};
