import { decideAcknowledged } from '../domain/lifecycle.ts';
import { applyDecision } from '../adapters/apply-decision.ts';
import { getComplaint } from '../adapters/complaint-repository.ts';
import { acknowledgementEmail } from '../adapters/email/acknowledgement.ts';
import { sendEmail } from '../adapters/email/mailer.ts';
import { logger } from '../adapters/logger.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { trackingLink } from '../adapters/tracking-link.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

/**
 * Emails the acknowledgement with the expected dates in the complainant's language, once: a retried
 * step re-reads the complaint and skips the mail when it was already recorded as sent.
 */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const complaint = await getComplaint(complaintId);
  if (!complaint) throw new Error(`Complaint ${complaintId} does not exist`);
  if (complaint.acknowledgedAt) {
    logger.info('Acknowledgement already sent', { complaintId });
    return { complaintId };
  }
  const url = await trackingLink(complaintId);
  const content = acknowledgementEmail(complaint, url, currentPolicy().calendar.timeZone);
  const messageId = await sendEmail(complaint.customer.email, content);
  await applyDecision(complaintId, { kind: 'system' }, decideAcknowledged);
  logger.info('Acknowledgement sent', { complaintId, messageId });
  return { complaintId };
});
