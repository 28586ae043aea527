import * as z from '../domain/zod.ts';
import { decideLifecycleFailure, LIFECYCLE_STAGES } from '../domain/lifecycle-failure.ts';
import { applyDecision } from '../app/apply-decision.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { logger } from '../adapters/logger.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

const failureInputSchema = z.extend(taskInputSchema, {
  stage: z.enum(LIFECYCLE_STAGES),
  /** The Catch's error output: { Error, Cause }. */
  failure: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
});

/**
 * A Lambda task's Cause is its error report as JSON ({ errorType, errorMessage, trace }); keep the
 * message. Any other Cause (a Step Functions error, a local run) is kept as it is.
 */
export const causeMessage = (cause: string | undefined): string => {
  if (!cause) return '';
  try {
    const report = JSON.parse(cause) as { errorMessage?: unknown };
    return typeof report.errorMessage === 'string' ? report.errorMessage : cause;
  } catch {
    return cause;
  }
};

/**
 * A lifecycle step failed for good (an error the workflow does not retry, or retries used up):
 * record it on the complaint, then the execution ends failed, so nothing loops silently.
 */
export const handler = workflowTask(failureInputSchema, async ({ complaintId, stage, failure }) => {
  const error = failure?.Error ?? 'unknown';
  const { applied } = await applyDecision(
    { store: complaintStore },
    complaintId,
    { kind: 'system' },
    (complaint, at) =>
      decideLifecycleFailure(complaint, { stage, error, cause: causeMessage(failure?.Cause) }, at),
  );
  // The cause stays out of the log: a service's message may quote an address.
  logger.error('Complaint lifecycle failed', { complaintId, stage, error, recorded: applied });
  return { complaintId, recorded: applied };
});
