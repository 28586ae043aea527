import { CLAIM_ABANDONED_AFTER_MS } from '../../functions/adapters/mail-deliveries.ts';
import type {
  BusinessMetric,
  ComplaintStore,
  MailDeliveries,
  Mailer,
  PolicySource,
} from '../../functions/app/ports.ts';
import type { ComplaintEvent } from '../../functions/domain/audit-event.ts';
import type { Complaint } from '../../functions/domain/complaint.ts';
import { defaultCalendar, defaultPolicy } from './policy.ts';

/**
 * The use cases' ports in memory, for testing a use case's orchestration on its own (the DynamoDB,
 * SES and Step Functions adapters have their own tests on aws-sdk-client-mock).
 */
export const inMemoryStore = (complaint: Complaint, clock: () => Date) => {
  let current = complaint;
  const events: ComplaintEvent[] = [];
  let ids = 0;
  const store: ComplaintStore = {
    get: (id) => Promise.resolve(id === current.id ? current : undefined),
    events: () => Promise.resolve(events),
    mutate: (id, actor, decide) => {
      if (id !== current.id) return Promise.reject(new Error(`Complaint ${id} does not exist`));
      const at = clock();
      const { decision, result } = decide(current, at, () => `ID${(ids += 1)}`);
      if (!decision) return Promise.resolve({ complaint: current, result, applied: false });
      current = {
        ...current,
        ...decision.changes,
        version: current.version + 1,
        updatedAt: at.toISOString(),
      };
      for (const draft of decision.events) {
        events.push({ ...draft, complaintId: id, eventId: `E${(ids += 1)}`, at: at.toISOString(), actor });
      }
      return Promise.resolve({ complaint: current, result, applied: true });
    },
  };
  return { store, current: () => current, events };
};

export const fixedPolicy: PolicySource = {
  current: () => ({ policy: defaultPolicy(), calendar: defaultCalendar(), version: 1 }),
};

export const countingMetrics = () => {
  const counted: { name: BusinessMetric; dimensions?: Record<string, string> }[] = [];
  return {
    metrics: {
      count: (name: BusinessMetric, dimensions?: Record<string, string>) =>
        void counted.push({ name, dimensions }),
    },
    counted,
  };
};

export const recordingMailer = () => {
  const sent: { recipients: readonly string[]; subject: string }[] = [];
  const mailer: Mailer = {
    render: (_policy, _calendar, _complaint, message) =>
      Promise.resolve({
        recipients: [`level-${'level' in message ? String(message.level) : 'customer'}@example.com`],
        content: { subject: message.kind, text: '', html: '' },
      }),
    send: (recipients, content) => {
      const list = typeof recipients === 'string' ? [recipients] : [...recipients];
      sent.push({ recipients: list, subject: content.subject });
      return Promise.resolve(list.map((_, index) => `m-${sent.length}-${index}`));
    },
  };
  return { mailer, sent };
};

/**
 * Delivery records as the DynamoDB adapter keeps them (functions/adapters/mail-deliveries.ts): the
 * first claim wins, a recorded send is reported, a fresh claim is another sender under way (thrown),
 * an old one is taken over, a released one is gone. Claim and check happen in one step, as the
 * conditional write does.
 */
export const inMemoryDeliveries = () => {
  const records = new Map<string, { claimedAt: number; messageIds?: string[] }>();
  const deliveries: MailDeliveries = {
    claim: (outboxId, now) => {
      const record = records.get(outboxId);
      if (!record) {
        records.set(outboxId, { claimedAt: now.getTime() });
        return Promise.resolve({ kind: 'claimed' });
      }
      if (record.messageIds) return Promise.resolve({ kind: 'sent', messageIds: record.messageIds });
      if (now.getTime() - record.claimedAt < CLAIM_ABANDONED_AFTER_MS) {
        return Promise.reject(new Error(`Delivery ${outboxId} is being sent`));
      }
      record.claimedAt = now.getTime();
      return Promise.resolve({ kind: 'abandoned' });
    },
    recordSent: (outboxId, messageIds) => {
      records.set(outboxId, { claimedAt: records.get(outboxId)?.claimedAt ?? 0, messageIds });
      return Promise.resolve();
    },
    release: (outboxId, claimedAt) => {
      const record = records.get(outboxId);
      if (record && !record.messageIds && record.claimedAt === claimedAt.getTime()) records.delete(outboxId);
      return Promise.resolve();
    },
  };
  return { deliveries, records };
};
