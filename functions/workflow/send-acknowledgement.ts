import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { complaintIdSchema } from '../domain/complaint.ts';
import { getComplaint, recordMilestone } from '../adapters/complaint-repository.ts';
import { requireSetting } from '../adapters/config.ts';
import { acknowledgementEmail } from '../adapters/email/acknowledgement.ts';
import { sendEmail } from '../adapters/email/mailer.ts';
import { auditEvent } from '../adapters/events.ts';
import { logger } from '../adapters/logger.ts';
import { issueTrackingToken } from '../adapters/tracking-token.ts';
import type { LifecycleInput } from '../adapters/workflow-starter.ts';

export const trackingUrl = (baseUrl: string, complaintId: string, token: string): string =>
  `${baseUrl.replace(/\/+$/u, '')}/v1/complaints/${complaintId}?token=${encodeURIComponent(token)}`;

/**
 * Emails the acknowledgement in the complainant's language, once: a retried step re-reads the
 * complaint and skips the mail when it was already recorded as sent.
 */
export const handler = middy<LifecycleInput, LifecycleInput>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (input) => {
    const complaintId = complaintIdSchema.parse(input.complaintId);
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
    const messageId = await sendEmail(complaint.customer.email, acknowledgementEmail(complaint, url));
    await recordMilestone(
      complaintId,
      'acknowledgedAt',
      auditEvent(complaintId, 'complaint.acknowledged', { kind: 'system' }, true, new Date()),
    );
    logger.info('Acknowledgement sent', { complaintId, messageId });
    return { complaintId };
  });
