import { deliverOutbox } from '../app/deliver-outbox.ts';
import { logger } from '../adapters/logger.ts';
import { outboxDeps } from './outbox-deps.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

/**
 * Sends what staff actions queued in the complaint's outbox. The workflow runs it each time a signal
 * wakes a human stage and retries it with backoff, so a mail survives an SES outage.
 */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const sent = await deliverOutbox(outboxDeps, complaintId);
  if (sent > 0) logger.info('Queued notifications sent', { complaintId, sent });
  return { complaintId };
});
