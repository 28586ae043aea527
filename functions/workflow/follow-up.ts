import * as z from '../domain/zod.ts';
import { advanceFollowUp } from '../app/advance-follow-up.ts';
import { realSecondsUntil } from '../adapters/clock.ts';
import { logger } from '../adapters/logger.ts';
import { outboxDeps } from './outbox-deps.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

export const followUpPlanSchema = z.object({
  next: z.enum(['await', 'reopened', 'closed']),
  timeoutSeconds: z.int().check(z.positive()),
  version: z.int(),
});

/** One follow-up step after resolution (see app/advance-follow-up.ts); tells the workflow what is next. */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const { next, sent, version } = await advanceFollowUp(outboxDeps, complaintId);
  logger.info('Follow-up step', { complaintId, next: next.kind, sent });
  return followUpPlanSchema.parse({
    next: next.kind,
    timeoutSeconds: next.kind === 'await' ? realSecondsUntil(next.until) : 1,
    version,
  });
});
