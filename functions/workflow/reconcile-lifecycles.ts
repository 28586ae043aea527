import { reconcileLifecycles } from '../app/reconcile-lifecycles.ts';
import { clock } from '../adapters/clock.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { lifecycleExecutions } from '../adapters/lifecycle-executions.ts';
import { lifecycleWatch } from '../adapters/lifecycle-watch.ts';
import { logger } from '../adapters/logger.ts';
import { businessMetrics } from '../adapters/metrics.ts';
import { workflowStarter } from '../adapters/workflow-starter.ts';
import { LIFECYCLE_RECONCILER } from './lifecycle-reconciler.ts';
import { backgroundHandler } from './task-handler.ts';

/**
 * Re-drives complaint lifecycles that stopped (see app/reconcile-lifecycles.ts). A complaint it could
 * not handle fails the run after the others are done, so the function's error alarm fires and the
 * next run tries again.
 */
export const handler = backgroundHandler(async () => {
  const result = await reconcileLifecycles(
    {
      watch: lifecycleWatch,
      store: complaintStore,
      executions: lifecycleExecutions,
      starter: workflowStarter,
      clock,
      metrics: businessMetrics,
    },
    LIFECYCLE_RECONCILER.batchSize,
  );
  const summary = {
    checked: result.checked,
    redriven: result.redriven,
    stuck: result.stuck,
    failed: result.failed.map(({ id }) => id),
  };
  if (result.redriven.length > 0 || result.stuck.length > 0) logger.warn('Lifecycles reconciled', summary);
  for (const { id, error } of result.failed)
    logger.error('Lifecycle could not be reconciled', { complaintId: id, error });
  if (result.failed.length > 0)
    throw new Error(`${result.failed.length} lifecycle(s) could not be reconciled`);
  return summary;
});
