import { logger } from '../adapters/logger.ts';
import { deliverOutbox } from '../adapters/notifications.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

/**
 * Sends what staff actions queued in the complaint's outbox. The workflow runs it each time a signal
 * wakes a human stage and retries it with backoff, so a mail survives an SES outage.
 */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const sent = await deliverOutbox(complaintId);
  if (sent > 0) logger.info('Queued notifications sent', { complaintId, sent });
  return { complaintId };
});
