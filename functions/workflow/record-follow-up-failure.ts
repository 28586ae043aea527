import * as z from '../domain/zod.ts';
import { recordFollowUpFailure } from '../app/record-follow-up-failure.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { logger } from '../adapters/logger.ts';
import { businessMetrics } from '../adapters/metrics.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

const failureInputSchema = z.extend(taskInputSchema, {
  /** The Catch's error output: { Error, Cause }. */
  failure: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
});

/**
 * The follow-up step still failed after the workflow's retries (SES refusing the mail, say): record
 * the failure on the complaint and drop the mail, so the follow-up goes on and the complaint closes.
 * `recorded` is false when no follow-up mail was waiting: the failure was not the mail's, and the
 * workflow records a lifecycle failure instead of running the follow-up into it again.
 */
export const handler = workflowTask(failureInputSchema, async ({ complaintId, failure }) => {
  const error = [failure?.Error, failure?.Cause].filter(Boolean).join(': ') || 'unknown error';
  const applied = await recordFollowUpFailure(
    { store: complaintStore, metrics: businessMetrics },
    complaintId,
    error,
  );
  logger.warn('Follow-up mail failed for good', { complaintId, recorded: applied, error: failure?.Error });
  return { complaintId, recorded: applied };
});
