import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../../functions/app/deliver-outbox.ts';
import type { Mailer, SentMailLog } from '../../../functions/app/ports.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import {
  fixedPolicy,
  inMemoryDeliveries,
  inMemoryStore,
  recordingMailer,
} from '../../support/in-memory-ports.ts';

const AT = new Date('2026-12-28T02:00:00Z');

const noSentMailLog: SentMailLog = { record: () => Promise.resolve() };

/**
 * A mailer whose first send is counted at once and then held until `release()`: that sender stays
 * "under way" between handing the mail to SES and recording it, as long as the test wants. Later
 * sends go through, so a second sender that sends anyway is counted, not stuck.
 */
const heldMailer = () => {
  const { mailer, sent } = recordingMailer();
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let sending = () => {};
  const firstSending = new Promise<void>((resolve) => (sending = resolve));
  const held: Mailer = {
    render: mailer.render,
    send: async (recipients, content, about) => {
      const ids = await mailer.send(recipients, content, about);
      if (sent.length === 1) {
        sending();
        await released;
      }
      return ids;
    },
  };
  return { mailer: held, sent, release, firstSending };
};

describe('deliverOutbox: the customer copy of each mail', () => {
  it('keeps what the customer was sent, after sending, and nothing of staff alerts', async () => {
    const complaint = receivedComplaint(AT, {
      outbox: [
        { id: 'Q1', kind: 'info-request', text: '请提供凭证', createdAt: AT.toISOString() },
        { id: 'Q2', kind: 'escalation', level: 1, minutesLate: 5, createdAt: AT.toISOString() },
      ],
    });
    const { store, current } = inMemoryStore(complaint, () => AT);
    const { mailer, sent } = recordingMailer();
    const { deliveries } = inMemoryDeliveries();
    const kept: { complaintId: string; mail: Parameters<SentMailLog['record']>[1]; sentBefore: number }[] =
      [];
    const sentMail: SentMailLog = {
      record: (complaintId, mail) => {
        kept.push({ complaintId, mail, sentBefore: sent.length });
        return Promise.resolve();
      },
    };

    expect(
      await deliverOutbox({ store, mailer, policy: fixedPolicy, sentMail, deliveries }, complaint.id),
    ).toBe(2);

    expect(kept).toEqual([
      {
        complaintId: 'C1',
        mail: { id: 'Q1', mailKind: 'info-request', subject: 'info-request', text: '', messageId: 'm-1-0' },
        sentBefore: 1,
      },
    ]);
    expect(current().outbox).toEqual([]);
  });
});

describe('deliverOutbox: each queued message is sent once, whichever sender gets to it', () => {
  const queuedLink = () =>
    receivedComplaint(AT, {
      outbox: [{ id: 'L1', kind: 'tracking-link', createdAt: AT.toISOString() }],
    });

  it('lets one of two interleaved senders send, the other fails retryably and later finds nothing', async () => {
    const complaint = queuedLink();
    const { store, current, events } = inMemoryStore(complaint, () => AT);
    const { mailer, sent, release, firstSending } = heldMailer();
    const { deliveries } = inMemoryDeliveries();
    const deps = { store, mailer, policy: fixedPolicy, sentMail: noSentMailLog, deliveries };

    // The lookup route sends the link it queued and is still waiting on SES ...
    const lookup = deliverOutbox(deps, complaint.id, (message) => message.kind === 'tracking-link');
    await firstSending;
    // ... when the workflow, woken by the same change, delivers the whole outbox.
    await expect(deliverOutbox(deps, complaint.id)).rejects.toThrow('L1 is being sent');
    release();
    expect(await lookup).toBe(1);

    expect(sent).toHaveLength(1);
    expect(current().outbox).toEqual([]);
    // The workflow's retry finds the message gone.
    expect(await deliverOutbox(deps, complaint.id)).toBe(0);
    expect(sent).toHaveLength(1);
    expect(events.filter((event) => event.type === 'notification.sent')).toHaveLength(1);
  });

  it('only removes a message an earlier attempt sent but did not remove (it crashed in between)', async () => {
    const complaint = queuedLink();
    const { store, current, events } = inMemoryStore(complaint, () => AT);
    const { mailer, sent } = recordingMailer();
    const { deliveries } = inMemoryDeliveries();
    await deliveries.claim('L1', AT);
    await deliveries.recordSent('L1', ['m-earlier']);
    const kept: string[] = [];
    const sentMail: SentMailLog = {
      record: (_id, mail) => {
        kept.push(mail.id);
        return Promise.resolve();
      },
    };

    expect(await deliverOutbox({ store, mailer, policy: fixedPolicy, sentMail, deliveries }, 'C1')).toBe(1);

    expect(sent).toEqual([]);
    expect(kept).toEqual([]);
    expect(current().outbox).toEqual([]);
    expect(events.map((event) => event.type)).toEqual(['notification.sent']);
  });

  it('sends a message whose claim was abandoned long ago without a send recorded', async () => {
    const complaint = queuedLink();
    const { store, current } = inMemoryStore(complaint, () => AT);
    const { mailer, sent } = recordingMailer();
    const { deliveries } = inMemoryDeliveries();
    await deliveries.claim('L1', new Date(Date.now() - 10 * 60 * 1000));

    await deliverOutbox({ store, mailer, policy: fixedPolicy, sentMail: noSentMailLog, deliveries }, 'C1');

    expect(sent).toHaveLength(1);
    expect(current().outbox).toEqual([]);
  });

  it('gives up its claim when SES refuses the send, so the retry sends at once', async () => {
    const complaint = queuedLink();
    const { store, current } = inMemoryStore(complaint, () => AT);
    const { mailer: recording, sent } = recordingMailer();
    let refusals = 1;
    const mailer: Mailer = {
      render: recording.render,
      send: (...args) =>
        refusals-- > 0 ? Promise.reject(new Error('SES unavailable')) : recording.send(...args),
    };
    const { deliveries, records } = inMemoryDeliveries();
    const deps = { store, mailer, policy: fixedPolicy, sentMail: noSentMailLog, deliveries };

    await expect(deliverOutbox(deps, 'C1')).rejects.toThrow('SES unavailable');
    expect(records.has('L1')).toBe(false);
    expect(current().outbox).toHaveLength(1);

    expect(await deliverOutbox(deps, 'C1')).toBe(1);
    expect(sent).toHaveLength(1);
    expect(current().outbox).toEqual([]);
  });
});
