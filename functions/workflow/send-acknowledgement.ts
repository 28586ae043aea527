import { acknowledgeComplaint } from '../app/acknowledge-complaint.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { acknowledgementEmail } from '../adapters/email/acknowledgement.ts';
import { sendEmail } from '../adapters/email/mailer.ts';
import { logger } from '../adapters/logger.ts';
import { mailDeliveries } from '../adapters/mail-deliveries.ts';
import { replyAddressFor } from '../adapters/reply-token.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { sentMailLog } from '../adapters/sent-mail-log.ts';
import { trackingLink } from '../adapters/tracking-link.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

/** Emails the acknowledgement with the expected dates in the complainant's language, once. */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const outcome = await acknowledgeComplaint(
    {
      store: complaintStore,
      acknowledgements: {
        render: async (complaint) =>
          acknowledgementEmail(
            complaint,
            await trackingLink(complaint.id),
            currentPolicy().calendar.timeZone,
            await replyAddressFor(complaint.id),
          ),
        send: sendEmail,
      },
      sentMail: sentMailLog,
      deliveries: mailDeliveries,
    },
    complaintId,
  );
  const messages = {
    sent: 'Acknowledgement sent',
    'already-sent': 'Acknowledgement already sent',
    'not-mailable': 'No acknowledgement mail: the customer has no email address',
  };
  logger.info(messages[outcome], { complaintId });
  return { complaintId };
});
