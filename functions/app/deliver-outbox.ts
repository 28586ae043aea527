import { withoutMessage } from '../domain/lifecycle.ts';
import type { ComplaintStore, Mailer, PolicySource } from './ports.ts';

export type OutboxDeps = { store: ComplaintStore; mailer: Mailer; policy: PolicySource };

/**
 * Sends every queued message of a complaint, each then removed from its outbox with an audit entry.
 * A crash between the two sends that message again on the retried step: at least once, never lost.
 */
export const deliverOutbox = async (deps: OutboxDeps, complaintId: string): Promise<number> => {
  const complaint = await deps.store.get(complaintId);
  if (!complaint?.outbox?.length) return 0;
  const { policy, calendar } = deps.policy.current();
  for (const message of complaint.outbox) {
    const { recipients, content } = await deps.mailer.render(policy, calendar, complaint, message);
    await deps.mailer.send(recipients, content, { mailKind: message.kind, complaintId });
    await deps.store.mutate(complaintId, { kind: 'system' }, (current) => ({
      decision: withoutMessage(current, message.id, recipients),
      result: undefined,
    }));
  }
  return complaint.outbox.length;
};
