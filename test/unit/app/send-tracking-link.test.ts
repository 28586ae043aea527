import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../../functions/app/deliver-outbox.ts';
import type { Mailer } from '../../../functions/app/ports.ts';
import { sendTrackingLink } from '../../../functions/app/send-tracking-link.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import {
  fixedPolicy,
  inMemoryDeliveries,
  inMemoryStore,
  recordingMailer,
} from '../../support/in-memory-ports.ts';

const AT = new Date('2026-12-28T02:00:00Z');

describe('find my complaint: the link is mailed once per interval', () => {
  it('sends one mail for ten lookups at once while the workflow delivers the outbox too', async () => {
    const complaint = receivedComplaint(AT);
    const { store, current } = inMemoryStore(complaint, () => AT);
    const { mailer: recording, sent } = recordingMailer();
    // SES answers after a turn of the event loop, so every sender is under way at the same time.
    const mailer: Mailer = {
      render: recording.render,
      send: async (...args) => {
        const ids = await recording.send(...args);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return ids;
      },
    };
    const { deliveries } = inMemoryDeliveries();
    const deps = {
      store,
      mailer,
      policy: fixedPolicy,
      sentMail: { record: () => Promise.resolve() },
      deliveries,
      references: { complaintIdOf: () => Promise.resolve(complaint.id) },
      wallClock: () => AT,
    };

    const lookups = Array.from({ length: 10 }, () =>
      sendTrackingLink(deps, complaint.reference, complaint.customer.email!),
    );
    const workflow = deliverOutbox(deps, complaint.id);
    const outcomes = await Promise.allSettled([...lookups, workflow]);

    expect(sent).toEqual([{ recipients: ['level-customer@example.com'], subject: 'tracking-link' }]);
    expect(outcomes.filter(({ status }) => status === 'fulfilled').length).toBeGreaterThan(0);
    expect(current().outbox).toEqual([]);
    expect(current().trackingLinkMailedAt).toBe(AT.toISOString());
  });
});
