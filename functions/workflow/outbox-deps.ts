import type { OutboxDeps } from '../app/deliver-outbox.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { mailDeliveries } from '../adapters/mail-deliveries.ts';
import { outboxMailer } from '../adapters/outbox-mailer.ts';
import { policySource } from '../adapters/policy-source.ts';
import { sentMailLog } from '../adapters/sent-mail-log.ts';

/** What the tasks that send queued mail hand their use case. */
export const outboxDeps: OutboxDeps = {
  store: complaintStore,
  mailer: outboxMailer,
  policy: policySource,
  sentMail: sentMailLog,
  deliveries: mailDeliveries,
};
