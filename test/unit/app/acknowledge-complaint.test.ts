import { describe, expect, it } from 'vitest';
import { acknowledgeComplaint } from '../../../functions/app/acknowledge-complaint.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { inMemoryStore } from '../../support/in-memory-ports.ts';

const RECEIVED = new Date('2026-11-23T02:00:00.000Z');
const NOW = new Date('2026-11-23T02:05:00.000Z');

/** Mail ports that record what they were asked to do: a customer without an address must get none of it. */
const mailPorts = () => {
  const calls: string[] = [];
  return {
    calls,
    acknowledgements: {
      render: () => {
        calls.push('render');
        return Promise.resolve({ subject: 's', text: 't', html: 'h' });
      },
      send: () => {
        calls.push('send');
        return Promise.resolve(['m-1']);
      },
    },
    deliveries: {
      claim: () => {
        calls.push('claim');
        return Promise.resolve({ kind: 'claimed' as const });
      },
      recordSent: () => {
        calls.push('recordSent');
        return Promise.resolve();
      },
      release: () => {
        calls.push('release');
        return Promise.resolve();
      },
    },
    sentMail: {
      record: () => {
        calls.push('sentMail');
        return Promise.resolve();
      },
    },
  };
};

const acknowledge = async (complaint: Complaint) => {
  const memory = inMemoryStore(complaint, () => NOW);
  const ports = mailPorts();
  const outcome = await acknowledgeComplaint({ store: memory.store, ...ports }, complaint.id);
  return { outcome, calls: ports.calls, after: memory.current(), events: memory.events };
};

/** A hotline complaint of a customer who left a phone number only. */
const phoneOnly = (overrides: Partial<Complaint> = {}) =>
  receivedComplaint(RECEIVED, {
    channel: 'hotline',
    customer: { name: '王芳', phone: '13800138000', locale: 'zh-CN' },
    ...overrides,
  });

describe('acknowledging a complaint', () => {
  it('mails nothing to a customer without an address, records nothing, and says it is not mailable', async () => {
    const { outcome, calls, after, events } = await acknowledge(phoneOnly());
    expect(outcome).toBe('not-mailable');
    expect(calls).toEqual([]);
    expect(after.acknowledgementOutbox).toBeUndefined();
    expect(after.acknowledgedAt).toBeUndefined();
    expect(after.version).toBe(1);
    expect(events).toEqual([]);
  });

  it('counts a phone-only complaint acknowledged on the phone at intake as done, mailing nothing', async () => {
    const { outcome, calls } = await acknowledge(
      phoneOnly({ acknowledgedAt: RECEIVED.toISOString(), acknowledgedVia: 'phone' }),
    );
    expect(outcome).toBe('already-sent');
    expect(calls).toEqual([]);
  });

  it('mails a customer with an address, outbox first (the contrast: the same complaint with an email)', async () => {
    const { outcome, calls, after } = await acknowledge(receivedComplaint(RECEIVED));
    expect(outcome).toBe('sent');
    expect(calls).toEqual(['claim', 'render', 'send', 'recordSent', 'sentMail']);
    expect(after.acknowledgedAt).toBe(NOW.toISOString());
  });
});
