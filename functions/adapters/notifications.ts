import { escalationRecipients, withoutMessage } from '../domain/lifecycle.ts';
import { applyDecision } from './apply-decision.ts';
import { getComplaint } from './complaint-repository.ts';
import { escalationEmail } from './email/escalation.ts';
import { sendEmail } from './email/mailer.ts';
import { logger } from './logger.ts';
import { currentPolicy } from './policy-source.ts';

/**
 * Sends every queued notification of a complaint, each then removed from its outbox. A crash between
 * the two sends that message again on the retried step: at least once, never lost.
 */
export const deliverOutbox = async (complaintId: string): Promise<number> => {
  const complaint = await getComplaint(complaintId);
  if (!complaint?.outbox?.length) return 0;
  const { policy, calendar } = currentPolicy();
  for (const message of complaint.outbox) {
    const recipients = escalationRecipients(policy, message.level, complaint.department);
    const content = escalationEmail(policy, complaint, message, calendar.timeZone);
    const messageId = await sendEmail(recipients, content);
    await applyDecision(complaintId, { kind: 'system' }, (current) =>
      withoutMessage(current, message.id, recipients),
    );
    logger.info('Notification sent', { complaintId, kind: message.kind, level: message.level, messageId });
  }
  return complaint.outbox.length;
};
