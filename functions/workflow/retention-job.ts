import type { FunctionAccess } from '../function-access.ts';
import { FUNCTION_TIMEOUT_SECONDS } from '../function-timeouts.ts';

/**
 * The scheduled retention job that anonymises finished complaints past the policy's retention period
 * (EventBridge Scheduler every `everyMinutes` in AWS; a timer every RETENTION_INTERVAL_SECONDS,
 * default 60, in the local runtime). Each run does at most the policy's `retention.maxPerRun`.
 */
export const RETENTION_JOB = {
  name: 'RunRetention',
  entry: 'functions/workflow/run-retention.ts',
  access: {
    table: 'readWrite',
    readsPolicy: true,
    evidenceDeletion: true,
  } satisfies FunctionAccess,
  everyMinutes: 60,
  timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.schedule,
  /** Time kept back at the end of a run: one anonymisation (a few calls) fits well within it. */
  reserveMs: 20_000,
} as const;
