import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { complaintIdSchema } from '../domain/complaint.ts';
import { contactProblemOf, decideMailEvent, mailEventMetric, readMailEvent } from '../domain/mail-events.ts';
import { applyDecision } from '../app/apply-decision.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { logger } from '../adapters/logger.ts';
import { metrics } from '../adapters/metrics.ts';
import { backgroundHandler } from './task-handler.ts';

export type MailEventResult =
  | { recorded: true; complaintId: string }
  | { recorded: false; reason: 'not-an-ses-event' | 'no-contact-problem' | 'no-complaint' | 'unchanged' };

/**
 * An SES mail event from EventBridge: counted, and when a customer's mail bounced for good or was
 * reported as spam, recorded on its complaint (domain/mail-events.ts). Events that cannot be placed
 * are logged and dropped, not retried: a retry would not place them either.
 */
export const handler = backgroundHandler(async (event: unknown): Promise<MailEventResult> => {
  const mail = readMailEvent(event);
  if (!mail) {
    logger.warn('Not an SES mail event; ignored');
    return { recorded: false, reason: 'not-an-ses-event' };
  }
  metrics.addMetric(mailEventMetric(mail), MetricUnit.Count, 1);
  const context = { messageId: mail.messageId, mailKind: mail.mailKind, complaintId: mail.complaintId };
  if (!contactProblemOf(mail)) {
    logger.info('Mail event', { ...context, outcome: mail.outcome.kind });
    return { recorded: false, reason: 'no-contact-problem' };
  }
  const id = complaintIdSchema.safeParse(mail.complaintId);
  if (!id.success || !(await complaintStore.get(id.data))) {
    logger.warn('Customer mail undeliverable, but its complaint is unknown', context);
    return { recorded: false, reason: 'no-complaint' };
  }
  const { applied } = await applyDecision(
    { store: complaintStore },
    id.data,
    { kind: 'system' },
    (complaint) => decideMailEvent(complaint, mail),
  );
  if (!applied) return { recorded: false, reason: 'unchanged' };
  metrics.addMetric('CustomerContactProblems', MetricUnit.Count, 1);
  logger.warn('Customer cannot be reached by email; complaint marked', {
    ...context,
    outcome: mail.outcome.kind,
  });
  return { recorded: true, complaintId: id.data };
});
