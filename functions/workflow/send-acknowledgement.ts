import { decideAcknowledged } from '../domain/lifecycle.ts';
import { applyDecision } from '../adapters/apply-decision.ts';
import { getComplaint } from '../adapters/complaint-repository.ts';
import { requireSetting } from '../adapters/config.ts';
import { acknowledgementEmail } from '../adapters/email/acknowledgement.ts';
import { sendEmail } from '../adapters/email/mailer.ts';
import { logger } from '../adapters/logger.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { issueTrackingToken } from '../adapters/tracking-token.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

export const trackingUrl = (baseUrl: string, complaintId: string, token: string): string =>
  `${baseUrl.replace(/\/+$/u, '')}/v1/complaints/${complaintId}?token=${encodeURIComponent(token)}`;

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
  const url = trackingUrl(
    requireSetting('PUBLIC_API_URL'),
    complaintId,
    await issueTrackingToken(complaintId),
  );
  const content = acknowledgementEmail(complaint, url, currentPolicy().calendar.timeZone);
  const messageId = await sendEmail(complaint.customer.email, content);
  await applyDecision(complaintId, { kind: 'system' }, decideAcknowledged);
  logger.info('Acknowledgement sent', { complaintId, messageId });
  return { complaintId };
});
