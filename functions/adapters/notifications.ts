import type { Complaint, OutboxMessage } from '../domain/complaint.ts';
import type { BusinessCalendar } from '../domain/calendar.ts';
import { escalationRecipients, withoutMessage } from '../domain/lifecycle.ts';
import { trackingTokenGeneration } from '../domain/tracking-access.ts';
import type { Policy } from '../domain/policy.ts';
import { applyDecision } from './apply-decision.ts';
import { getComplaint } from './complaint-repository.ts';
import { escalationEmail } from './email/escalation.ts';
import { infoRequestEmail } from './email/info-request.ts';
import { rejectionNoticeEmail } from './email/rejection-notice.ts';
import { reopenAlertEmail } from './email/reopen-alert.ts';
import { resultNoticeEmail } from './email/result-notice.ts';
import { surveyEmail } from './email/survey.ts';
import { type EmailContent, sendEmail } from './email/mailer.ts';
import { logger } from './logger.ts';
import { currentPolicy } from './policy-source.ts';
import { surveyLinks } from './survey-link.ts';
import { trackingLink } from './tracking-link.ts';

/** Who gets a queued message, and what it says. */
const render = async (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  message: OutboxMessage,
): Promise<{ recipients: string[]; content: EmailContent }> => {
  const customer = [complaint.customer.email];
  // Links carry the current token generation: after a revocation only the new link works.
  const tracking = () => trackingLink(complaint.id, trackingTokenGeneration(complaint));
  switch (message.kind) {
    case 'info-request':
      return {
        recipients: customer,
        content: infoRequestEmail(complaint, message.text, await tracking()),
      };
    case 'rejection-notice':
      return {
        recipients: customer,
        content: rejectionNoticeEmail(complaint, await tracking()),
      };
    case 'result-notice':
      return {
        recipients: customer,
        content: resultNoticeEmail(complaint, await tracking(), calendar.timeZone),
      };
    case 'survey':
    case 'survey-reminder': {
      const expiresAt = complaint.followUp?.surveyExpiresAt;
      if (!expiresAt) throw new Error(`Complaint ${complaint.id} has a survey mail but no survey window`);
      const links = await surveyLinks(complaint.id, message.round, new Date(expiresAt));
      return {
        recipients: customer,
        content: surveyEmail(
          complaint,
          links,
          expiresAt,
          calendar.timeZone,
          message.kind === 'survey-reminder',
        ),
      };
    }
    case 'reopened':
      return {
        recipients: escalationRecipients(policy, 1, complaint.department),
        content: reopenAlertEmail(policy, complaint),
      };
    default:
      return {
        recipients: escalationRecipients(policy, message.level, complaint.department),
        content: escalationEmail(policy, complaint, message, calendar.timeZone),
      };
  }
};

/**
 * Sends every queued message of a complaint, each then removed from its outbox. A crash between the
 * two sends that message again on the retried step: at least once, never lost.
 */
export const deliverOutbox = async (complaintId: string): Promise<number> => {
  const complaint = await getComplaint(complaintId);
  if (!complaint?.outbox?.length) return 0;
  const { policy, calendar } = currentPolicy();
  for (const message of complaint.outbox) {
    const { recipients, content } = await render(policy, calendar, complaint, message);
    const messageId = await sendEmail(recipients, content);
    await applyDecision(complaintId, { kind: 'system' }, (current) =>
      withoutMessage(current, message.id, recipients),
    );
    logger.info('Notification sent', { complaintId, kind: message.kind, messageId });
  }
  return complaint.outbox.length;
};
