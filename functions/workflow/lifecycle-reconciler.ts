import type { FunctionAccess } from '../function-access.ts';

/**
 * The scheduled reconciler that re-drives lifecycles that stopped (EventBridge Scheduler every
 * `everyMinutes` in AWS; a timer every RECONCILE_INTERVAL_SECONDS, default 30, in the local runtime).
 */
export const LIFECYCLE_RECONCILER = {
  name: 'ReconcileLifecycles',
  entry: 'functions/workflow/reconcile-lifecycles.ts',
  access: {
    table: 'readWrite',
    startsLifecycles: true,
    checksLifecycles: true,
  } satisfies FunctionAccess,
  everyMinutes: 5,
  /** Complaints one run checks at most: one after another, well within its timeout; the rest next run. */
  batchSize: 100,
} as const;
