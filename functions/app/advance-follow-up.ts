import { planFollowUp, type FollowUpNext } from '../domain/follow-up.ts';
import { deliverOutbox, type OutboxDeps } from './deliver-outbox.ts';

/**
 * One follow-up step after resolution: queue what is due (result notice, survey, reminder) or close
 * the survey window, send the queued mail, and say what comes next with the complaint's latest
 * version (delivery changed it; the workflow registers its wait against that version). A mail
 * failure throws after the decision is saved, so the workflow's retry only sends again.
 */
export const advanceFollowUp = async (
  deps: OutboxDeps,
  complaintId: string,
): Promise<{ next: FollowUpNext; sent: number; version: number }> => {
  const { policy, calendar } = deps.policy.current();
  const { result: next } = await deps.store.mutate(
    complaintId,
    { kind: 'system' },
    (complaint, at, newId) => {
      const plan = planFollowUp(policy, calendar, complaint, newId(), at);
      return { decision: plan.decision, result: plan.next };
    },
  );
  const sent = await deliverOutbox(deps, complaintId);
  const complaint = await deps.store.get(complaintId);
  if (!complaint) throw new Error(`Complaint ${complaintId} disappeared`);
  return { next, sent, version: complaint.version };
};
