import { invokeLambda } from './lambda/invoke.ts';

/**
 * What EventBridge Scheduler does in AWS for a scheduled function (the lifecycle reconciler every
 * 5 minutes, the retention job every hour): runs it here every `everySeconds`. A run never overlaps the
 * one before, as the function's reserved concurrency of 1 ensures in AWS; a failed run is reported and
 * the next one comes.
 */
export const startScheduleTimer = (
  fn: { name: string; entry: string },
  everySeconds: number,
  onError: (error: unknown) => void,
) => {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = invokeLambda(fn.name, fn.entry, {})
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
