import type { Complaint } from '../domain/complaint.ts';
import { decideAcknowledged, decideAcknowledgementIntent } from '../domain/lifecycle.ts';
import { applyDecision } from './apply-decision.ts';
import type { ComplaintStore, EmailContent, MailDeliveries, SendMail, SentMailLog } from './ports.ts';

export interface AcknowledgementMailer {
  /** The acknowledgement mail for the complaint, in the complainant's language. */
  render(complaint: Complaint): Promise<EmailContent>;
  send: SendMail;
}

/**
 * Mails the acknowledgement once, outbox first: (1) record the intent (an outbox entry with an id) on
 * the complaint, (2) claim the entry's delivery record and send, (3) record the message ids against the
 * entry, (4) record the acknowledgement on the complaint. A retry after a crash anywhere skips what is
 * done: after (3) it sends nothing again. One window remains: a crash after SES accepted the mail and
 * before (3) leaves a claim without a send recorded, and a retry once the claim is older than any
 * attempt can last sends it again (at least once: a lost acknowledgement is worse than a second one).
 */
export const acknowledgeComplaint = async (
  deps: {
    store: ComplaintStore;
    acknowledgements: AcknowledgementMailer;
    deliveries: MailDeliveries;
    sentMail: SentMailLog;
  },
  complaintId: string,
): Promise<'sent' | 'already-sent' | 'not-mailable'> => {
  const { complaint } = await deps.store.mutate(complaintId, { kind: 'system' }, (current, at, newId) => ({
    decision: decideAcknowledgementIntent(current, at, newId()),
    result: undefined,
  }));
  // Logged by phone without an address: staff confirm receipt themselves (at intake or with their
  // first contact-customer), so there is nothing to mail and the workflow moves on.
  const address = complaint.customer.email;
  if (address === undefined) return complaint.acknowledgedAt ? 'already-sent' : 'not-mailable';
  const outbox = complaint.acknowledgementOutbox;
  if (complaint.acknowledgedAt || !outbox) return 'already-sent';
  const delivery = await deps.deliveries.claim(outbox.id, new Date());
  if (delivery.kind !== 'sent') {
    const content = await deps.acknowledgements.render(complaint);
    const messageIds = await deps.acknowledgements.send(address, content, {
      mailKind: 'acknowledgement',
      complaintId,
    });
    await deps.deliveries.recordSent(outbox.id, messageIds);
    // The customer's copy for the case thread; one acknowledgement per complaint, so its id is its kind.
    await deps.sentMail.record(complaintId, {
      id: 'acknowledgement',
      mailKind: 'acknowledgement',
      subject: content.subject,
      text: content.text,
      messageId: messageIds[0] ?? '',
    });
  }
  await applyDecision(deps, complaintId, { kind: 'system' }, decideAcknowledged);
  return delivery.kind === 'sent' ? 'already-sent' : 'sent';
};
