import { RETENTION_JOB } from '../functions/workflow/retention-job.ts';
import { invokeLambda } from './lambda/invoke.ts';

/**
 * What EventBridge Scheduler does in AWS every hour: runs the retention job, here every
 * `everySeconds` (RETENTION_INTERVAL_SECONDS, default 60). A run never overlaps the one before, as the
 * function's reserved concurrency of 1 ensures in AWS; a failed run is reported and the next one comes.
 */
export const startRetentionTimer = (everySeconds: number, onError: (error: unknown) => void) => {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = invokeLambda(RETENTION_JOB.name, RETENTION_JOB.entry, {})
      .then(() => undefined, onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everySeconds * 1000);
      });
  };
  let timer = setTimeout(tick, everySeconds * 1000);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
