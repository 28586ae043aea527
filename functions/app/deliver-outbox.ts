import type { OutboxMessage } from '../domain/complaint.ts';
import { withoutMessage } from '../domain/lifecycle.ts';
import { isCustomerMail } from '../domain/sent-mail.ts';
import type { ComplaintStore, MailDeliveries, Mailer, PolicySource, SentMailLog } from './ports.ts';

export type OutboxDeps = {
  store: ComplaintStore;
  mailer: Mailer;
  policy: PolicySource;
  sentMail: SentMailLog;
  deliveries: MailDeliveries;
};

/**
 * Sends every queued message of a complaint, each then removed from its outbox with an audit entry.
 * Several senders may find the same message queued (the workflow's delivery steps, every "find my
 * complaint" request, a retried step), so each claims the message's delivery record first: one sends,
 * one that finds it sent only removes it, and one that finds it being sent fails with a retryable
 * error (the workflow tries again later; the lookup route answers the same anyway). A refused send
 * gives its claim up; a crash between the send and recording it sends the message again once the
 * claim is abandoned: at least once, never lost. The customer's copy of the mail is kept in between, by a log that never fails the step.
 */
export const deliverOutbox = async (
  deps: OutboxDeps,
  complaintId: string,
  /** Only these messages (a handler sending what it queued itself leaves the workflow's to it). */
  only: (message: OutboxMessage) => boolean = () => true,
): Promise<number> => {
  const complaint = await deps.store.get(complaintId);
  const due = (complaint?.outbox ?? []).filter(only);
  if (!complaint || due.length === 0) return 0;
  const { policy, calendar } = deps.policy.current();
  for (const message of due) {
    // Rendered first, so a message that cannot be rendered holds no claim.
    const { recipients, content } = await deps.mailer.render(policy, calendar, complaint, message);
    // Real time, as the claim's age tells an abandoned send from one under way (acknowledgement too).
    const claimedAt = new Date();
    const delivery = await deps.deliveries.claim(message.id, claimedAt);
    if (delivery.kind !== 'sent') {
      const messageIds = await deps.mailer
        .send(recipients, content, { mailKind: message.kind, complaintId })
        .catch(async (error: unknown) => {
          // Refused (SES down, throttled): the retry sends at once instead of waiting the claim out.
          // A send that timed out may have gone out; released, it may go twice: at least once.
          // Unreleased (the table failing too), the claim is only waited out.
          await deps.deliveries.release(message.id, claimedAt).catch(() => undefined);
          throw error;
        });
      await deps.deliveries.recordSent(message.id, messageIds);
      // Kept after sending (what was sent, with its SES id), before the outbox forgets the message.
      if (isCustomerMail(message)) {
        await deps.sentMail.record(complaintId, {
          id: message.id,
          mailKind: message.kind,
          subject: content.subject,
          text: content.text,
          messageId: messageIds[0] ?? '',
        });
      }
    }
    await deps.store.mutate(complaintId, { kind: 'system' }, (current) => ({
      decision: withoutMessage(current, message.id, recipients),
      result: undefined,
    }));
  }
  return due.length;
};
