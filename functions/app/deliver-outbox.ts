import type { OutboxMessage } from '../domain/complaint.ts';
import { withoutMessage } from '../domain/lifecycle.ts';
import type { ComplaintStore, Mailer, PolicySource } from './ports.ts';

export type OutboxDeps = { store: ComplaintStore; mailer: Mailer; policy: PolicySource };

/**
 * Sends every queued message of a complaint, each then removed from its outbox with an audit entry.
 * A crash between the two sends that message again on the retried step: at least once, never lost.
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
    const { recipients, content } = await deps.mailer.render(policy, calendar, complaint, message);
    await deps.mailer.send(recipients, content, { mailKind: message.kind, complaintId });
    await deps.store.mutate(complaintId, { kind: 'system' }, (current) => ({
      decision: withoutMessage(current, message.id, recipients),
      result: undefined,
    }));
  }
  return due.length;
};
