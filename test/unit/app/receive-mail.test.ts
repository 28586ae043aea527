import { describe, expect, it } from 'vitest';
import type { IntakeRepository, MailAttachment, ReceivedMail } from '../../../functions/app/ports.ts';
import { receiveMail, type MailReceipt, type ReceiveMailDeps } from '../../../functions/app/receive-mail.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { countingMetrics, fixedPolicy, inMemoryStore } from '../../support/in-memory-ports.ts';

const ADDRESSES = { domain: 'inbound.example.com', sender: 'complaints@example.com' };
const NOW = new Date('2026-11-23T02:00:00Z');
const PHOTO: MailAttachment = {
  fileName: 'photo.jpg',
  contentType: 'image/jpeg',
  content: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]),
};

const mail = (overrides: Partial<ReceivedMail> = {}): ReceivedMail => ({
  messageId: '<m1@example.net>',
  from: { address: 'li.lei@example.net', name: 'Li Lei' },
  headers: {},
  subject: 'Broken kettle',
  text: 'The kettle leaks from its base.\n\n> quoted',
  newText: 'The kettle leaks from its base.',
  attachments: [],
  ...overrides,
});

const receipt = (recipients: string[]): MailReceipt => ({
  sesMessageId: 'ses-1',
  recipients,
  returnPath: 'li.lei@example.net',
  spamVerdict: 'PASS',
  virusVerdict: 'PASS',
});

/** Every port in memory; `existing` is the complaint a reply token may name. */
const setup = (received: ReceivedMail, existing: Complaint = receivedComplaint(NOW)) => {
  const created: Complaint[] = [];
  const createdEvents: { type: string; details?: unknown }[] = [];
  const signalled: string[] = [];
  const stored: { complaintId: string; fileName: string }[] = [];
  const claims = new Map<string, string | undefined>();
  const { store, events, current } = inMemoryStore(existing, () => NOW);
  const intake: IntakeRepository = {
    create: (complaint, events) => {
      created.push(complaint);
      createdEvents.push(...events);
      return Promise.resolve({ kind: 'created' });
    },
    idempotencyRecord: () => Promise.resolve(undefined),
    get: () => Promise.resolve(undefined),
  };
  const deps: ReceiveMailDeps = {
    readMail: () => Promise.resolve(received),
    readReplyToken: (token) => Promise.resolve(token === 'genuine' ? existing.id : undefined),
    evidence: {
      store: (complaintId, attachment) => {
        stored.push({ complaintId, fileName: attachment.fileName });
        return Promise.resolve(`complaints/${complaintId}/x`);
      },
    },
    receipts: {
      claim: (messageId) => {
        if (claims.has(messageId)) return Promise.resolve('done');
        claims.set(messageId, undefined);
        return Promise.resolve('claimed');
      },
      complete: (messageId, outcome) => {
        claims.set(messageId, outcome);
        return Promise.resolve();
      },
    },
    intake,
    counters: { add: () => Promise.resolve({ address: 1, sourceIp: 1 }) },
    store,
    signals: {
      signal: (complaint) => {
        signalled.push(complaint.id);
        return Promise.resolve(true);
      },
    },
    policy: fixedPolicy,
    clock: { now: () => NOW },
    wallClock: { now: () => NOW },
    metrics: countingMetrics().metrics,
    addresses: ADDRESSES,
  };
  return { deps, created, createdEvents, stored, events, claims, signalled, current };
};

describe('receiving a mail', () => {
  it('files a mail to the complaints address as a complaint on the email channel, with its photo as evidence', async () => {
    const { deps, created, stored } = setup(mail({ attachments: [PHOTO] }));
    const outcome = await receiveMail(deps, receipt(['complaints@inbound.example.com']));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      channel: 'email',
      subject: 'Broken kettle',
      customer: { email: 'li.lei@example.net', name: 'Li Lei', locale: 'en' },
    });
    // A new complaint keeps the whole text (a forwarded conversation is part of it).
    expect(created[0]!.description).toContain('> quoted');
    expect(outcome).toEqual({ kind: 'filed', complaintId: created[0]!.id, evidence: 1, droppedFiles: 0 });
    expect(stored).toEqual([{ complaintId: created[0]!.id, fileName: 'photo.jpg' }]);
  });

  it('acts on a mail once, however often SES invokes for it', async () => {
    const { deps, created } = setup(mail());
    await receiveMail(deps, receipt(['complaints@inbound.example.com']));
    expect(await receiveMail(deps, receipt(['complaints@inbound.example.com']))).toEqual({
      kind: 'duplicate',
    });
    expect(created).toHaveLength(1);
  });

  it('adds a reply to a genuine reply address to its complaint, without the quoted text, filing nothing', async () => {
    const { deps, created, events } = setup(mail());
    const outcome = await receiveMail(deps, receipt(['reply+genuine@inbound.example.com']));
    expect(outcome).toMatchObject({ kind: 'replied' });
    expect(created).toEqual([]);
    expect(events.map((event) => [event.type, event.details])).toEqual([
      ['customer.replied', { message: 'The kettle leaks from its base.', resumedClock: false }],
    ]);
  });

  it('ignores a forged reply token, and changes nothing', async () => {
    const { deps, created, events } = setup(mail());
    expect(await receiveMail(deps, receipt(['reply+forged@inbound.example.com']))).toEqual({
      kind: 'ignored',
      reason: 'forged-token',
    });
    expect(created).toEqual([]);
    expect(events).toEqual([]);
  });

  it('ignores an auto-reply before claiming it', async () => {
    const { deps, created, claims } = setup(mail({ headers: { 'auto-submitted': 'auto-replied' } }));
    expect(await receiveMail(deps, receipt(['complaints@inbound.example.com']))).toEqual({
      kind: 'ignored',
      reason: 'auto-reply',
    });
    expect(created).toEqual([]);
    expect(claims.size).toBe(0);
  });

  it('drops a new complaint over the per-address limit, with nothing filed', async () => {
    const { deps, created } = setup(mail());
    deps.counters = { add: () => Promise.resolve({ address: 1000, sourceIp: 1000 }) };
    expect(await receiveMail(deps, receipt(['complaints@inbound.example.com']))).toEqual({ kind: 'limited' });
    expect(created).toEqual([]);
  });

  it('files a reply to a complaint closed past its reopen window as a new complaint that links it', async () => {
    const closed: Complaint = {
      ...receivedComplaint(NOW),
      status: 'closed',
      closedAt: new Date(NOW.getTime() - 400 * 24 * 3_600_000).toISOString(),
    };
    const { deps, created, createdEvents, events } = setup(mail(), closed);
    const outcome = await receiveMail(deps, receipt(['reply+genuine@inbound.example.com']));
    expect(outcome).toEqual({ kind: 'filed', complaintId: created[0]!.id, evidence: 0, droppedFiles: 0 });
    expect(created).toHaveLength(1);
    const relatedTo = { id: closed.id, reference: closed.reference };
    expect(created[0]).toMatchObject({ channel: 'email', relatedTo });
    expect(createdEvents.map((event) => [event.type, event.details])).toEqual([
      ['complaint.received', undefined],
      ['complaint.linked', { relatedTo }],
    ]);
    // The old complaint is left as it was.
    expect(events).toEqual([]);
  });

  it('files a reply to a rejected complaint as a new complaint that links it (a rejection is final)', async () => {
    const rejected: Complaint = { ...receivedComplaint(NOW), status: 'rejected' };
    const { deps, created, events } = setup(mail(), rejected);
    expect(await receiveMail(deps, receipt(['reply+genuine@inbound.example.com']))).toMatchObject({
      kind: 'filed',
    });
    expect(created[0]?.relatedTo).toEqual({ id: rejected.id, reference: rejected.reference });
    expect(events).toEqual([]);
  });

  it('keeps a reply to a complaint closed within its reopen window on it, queues one alert for its handler and wakes the workflow to send it', async () => {
    const closed: Complaint = {
      ...receivedComplaint(NOW),
      status: 'closed',
      closedAt: new Date(NOW.getTime() - 3_600_000).toISOString(),
    };
    const { deps, created, events, signalled, current } = setup(mail(), closed);
    expect(await receiveMail(deps, receipt(['reply+genuine@inbound.example.com']))).toMatchObject({
      kind: 'replied',
      complaintId: closed.id,
    });
    expect(created).toEqual([]);
    expect(current().status).toBe('closed');
    expect(events.map((event) => event.type)).toEqual(['customer.replied']);
    expect(current().outbox?.map(({ kind, createdAt }) => ({ kind, createdAt }))).toEqual([
      { kind: 'late-reply', createdAt: NOW.toISOString() },
    ]);
    expect(signalled).toEqual([closed.id]);
    // SES invoking again for the same mail queues nothing more.
    expect(await receiveMail(deps, receipt(['reply+genuine@inbound.example.com']))).toEqual({
      kind: 'duplicate',
    });
    expect(current().outbox).toHaveLength(1);
  });
});
