import type { Complaint } from '../domain/complaint.ts';
import { decideAcknowledged } from '../domain/lifecycle.ts';
import { applyDecision } from './apply-decision.ts';
import type { ComplaintStore, EmailContent, SendMail, SentMailLog } from './ports.ts';

export interface AcknowledgementMailer {
  /** The acknowledgement mail for the complaint, in the complainant's language. */
  render(complaint: Complaint): Promise<EmailContent>;
  send: SendMail;
}

/**
 * Mails the acknowledgement once: a retried step re-reads the complaint and skips the mail when it
 * was already recorded as sent.
 */
export const acknowledgeComplaint = async (
  deps: { store: ComplaintStore; acknowledgements: AcknowledgementMailer; sentMail: SentMailLog },
  complaintId: string,
): Promise<'sent' | 'already-sent'> => {
  const complaint = await deps.store.get(complaintId);
  if (!complaint) throw new Error(`Complaint ${complaintId} does not exist`);
  if (complaint.acknowledgedAt) return 'already-sent';
  const content = await deps.acknowledgements.render(complaint);
  const [messageId = ''] = await deps.acknowledgements.send(complaint.customer.email, content, {
    mailKind: 'acknowledgement',
    complaintId,
  });
  // One acknowledgement per complaint: its id is its kind, so a retried step overwrites the copy.
  await deps.sentMail.record(complaintId, {
    id: 'acknowledgement',
    mailKind: 'acknowledgement',
    subject: content.subject,
    text: content.text,
    messageId,
  });
  await applyDecision(deps, complaintId, { kind: 'system' }, decideAcknowledged);
  return 'sent';
};
