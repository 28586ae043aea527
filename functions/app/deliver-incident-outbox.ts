import type { IncidentMailer, IncidentStore, MailDeliveries, PolicySource, Clock } from './ports.ts';

export interface IncidentOutboxDeps {
  incidents: IncidentStore;
  mailer: IncidentMailer;
  deliveries: MailDeliveries;
  policy: PolicySource;
  clock: Clock;
}

/**
 * Sends an incident's queued mail (the surge alert), each message once: its delivery record is
 * claimed before the send, so a retried stream record or a concurrent consumer never sends it twice,
 * and the message is forgotten after.
 */
export const deliverIncidentOutbox = async (
  deps: IncidentOutboxDeps,
  incidentId: string,
): Promise<number> => {
  const incident = await deps.incidents.get(incidentId);
  const due = Object.values(incident?.outbox ?? {});
  if (!incident || due.length === 0) return 0;
  const { policy, calendar } = deps.policy.current();
  let sent = 0;
  for (const message of due) {
    const claim = await deps.deliveries.claim(message.id, deps.clock.now());
    if (claim.kind !== 'sent') {
      const { recipients, content } = deps.mailer.render(policy, calendar, incident, message);
      const messageIds = await deps.mailer.send(recipients, content, { mailKind: message.kind });
      await deps.deliveries.recordSent(message.id, messageIds);
      sent += 1;
    }
    await deps.incidents.forgetMessage(incident.id, message.id);
  }
  return sent;
};
