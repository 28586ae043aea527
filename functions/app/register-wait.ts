import type { StageWaits, WorkflowSignals } from './ports.ts';

/**
 * The workflow waits on a stage: store its task token where staff actions find it. If the complaint
 * changed after the stage was planned, the plan may be stale, so the token is answered at once and
 * the workflow plans again: a race costs a loop, never a missed signal.
 */
export const registerWait = async (
  deps: { waits: StageWaits; signals: WorkflowSignals },
  wait: { complaintId: string; version: number; stage: string; taskToken: string },
): Promise<'stored' | 'changed-since'> => {
  const outcome = await deps.waits.store(wait.complaintId, wait.version, wait.stage, wait.taskToken);
  if (outcome === 'changed-since')
    await deps.signals.signal({ id: wait.complaintId, waitToken: wait.taskToken });
  return outcome;
};
