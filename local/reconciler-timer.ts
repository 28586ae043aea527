import { LIFECYCLE_RECONCILER } from '../functions/workflow/lifecycle-reconciler.ts';
import { invokeLambda } from './lambda/invoke.ts';

/**
 * What EventBridge Scheduler does in AWS every 5 minutes: runs the lifecycle reconciler, here every
 * `everySeconds` (RECONCILE_INTERVAL_SECONDS, default 30). A run never overlaps the one before, as the
 * function's reserved concurrency of 1 ensures in AWS; a failed run is reported and the next one comes.
 */
export const startReconcilerTimer = (everySeconds: number, onError: (error: unknown) => void) => {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = invokeLambda(LIFECYCLE_RECONCILER.name, LIFECYCLE_RECONCILER.entry, {})
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
