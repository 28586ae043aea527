import { describe, expect, it } from 'vitest';
import { anonymiseComplaint } from '../../../functions/app/anonymise-complaint.ts';
import type { EvidenceFiles, PersonalDataStore, PolicySource } from '../../../functions/app/ports.ts';
import type { ComplaintEvent } from '../../../functions/domain/audit-event.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { inMemoryStore } from '../../support/in-memory-ports.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const closedAt = '2023-01-10T00:00:00.000Z';
const now = new Date('2026-06-01T00:00:00.000Z');
const policy: PolicySource = {
  current: () => ({ policy: defaultPolicy(), calendar: defaultCalendar(), version: 1 }),
};

const setUp = (overrides: Partial<Complaint> = {}) => {
  const memory = inMemoryStore(
    receivedComplaint(new Date('2023-01-01T00:00:00.000Z'), {
      status: 'closed',
      closedAt,
      customer: { name: '王小明', email: 'wang@example.com', locale: 'zh-CN' },
      attachments: ['F1', 'F2'].map((id) => ({
        id,
        fileName: `${id}.jpg`,
        contentType: 'image/jpeg',
        size: 1,
        status: 'available' as const,
        source: 'upload' as const,
        uploadedBy: { kind: 'customer' as const },
        createdAt: closedAt,
      })),
      ...overrides,
    }),
    () => now,
  );
  memory.events.push({
    complaintId: 'C1',
    eventId: 'E0',
    at: closedAt,
    actor: { kind: 'customer' },
    type: 'customer.replied',
    customerVisible: true,
    details: { message: '我是王小明', resumedClock: false },
  });
  const objects = new Set(['complaints/C1/F1', 'complaints/C1/F2']);
  const mails = new Set(['MAIL#1']);
  const replaced: ComplaintEvent[] = [];
  const personalData: PersonalDataStore = {
    deleteSentMail: () => {
      const count = mails.size;
      mails.clear();
      return Promise.resolve(count);
    },
    replaceEvents: (events) => {
      replaced.push(...events);
      for (const event of events) {
        const index = memory.events.findIndex((one) => one.eventId === event.eventId);
        memory.events[index] = event;
      }
      return Promise.resolve();
    },
    refreshAssistRows: () => Promise.resolve(),
  };
  const evidence: EvidenceFiles = {
    deleteAll: (complaintId, ids) => {
      for (const id of ids) objects.delete(`complaints/${complaintId}/${id}`);
      return Promise.resolve(ids.length);
    },
  };
  return {
    memory,
    objects,
    mails,
    replaced,
    deps: { complaints: memory.store, personalData, evidence, policy },
  };
};

const retention = { complaintId: 'C1', reason: 'retention', requestedBy: 'retention' } as const;

describe('anonymiseComplaint', () => {
  it('removes the personal fields, the files, the mail copies and the events’ texts, and is audited', async () => {
    const { memory, objects, mails, deps } = setUp();
    const outcome = await anonymiseComplaint(deps, retention);
    expect(outcome).toEqual({ kind: 'anonymised', files: 2, mails: 1, events: 1 });
    expect(objects.size).toBe(0);
    expect(mails.size).toBe(0);
    const complaint = memory.current();
    expect(complaint.customer).toEqual({ name: '', locale: 'zh-CN' });
    expect(complaint.anonymised).toEqual({
      reason: 'retention',
      requestedBy: 'retention',
      at: now.toISOString(),
      complete: true,
    });
    expect(complaint.attachments).toBeUndefined();
    expect(JSON.stringify(memory.events)).not.toContain('王小明');
    expect(memory.events.map((event) => event.type)).toEqual(['customer.replied', 'complaint.anonymised']);
    expect(memory.events[1]).toMatchObject({
      actor: { kind: 'system', id: 'retention' },
      details: { reason: 'retention', requestedBy: 'retention' },
    });
  });

  it('is harmless a second time', async () => {
    const { memory, deps } = setUp();
    await anonymiseComplaint(deps, retention);
    const version = memory.current().version;
    expect(await anonymiseComplaint(deps, retention)).toEqual({ kind: 'already-anonymised' });
    expect(memory.current().version).toBe(version);
  });

  it('finishes an anonymisation that stopped half-way', async () => {
    // Stopped after its fields were removed: the files' records are gone, their ids kept for the rest.
    const { memory, objects, deps } = setUp({
      attachments: undefined,
      anonymised: {
        reason: 'erasure-request',
        requestedBy: 'dsr-1',
        at: closedAt,
        complete: false,
        files: ['F1', 'F2'],
      },
    });
    expect(await anonymiseComplaint(deps, retention)).toMatchObject({ kind: 'anonymised', files: 2 });
    expect(objects.size).toBe(0);
    expect(memory.current().anonymised?.complete).toBe(true);
  });

  it('refuses under a legal hold and changes nothing', async () => {
    const { memory, objects, deps } = setUp({ legalHold: { reason: 'lawsuit', by: 'm1', at: closedAt } });
    expect(await anonymiseComplaint(deps, retention)).toEqual({ kind: 'refused', why: 'legal-hold' });
    expect(await anonymiseComplaint(deps, { ...retention, reason: 'erasure-request' })).toEqual({
      kind: 'refused',
      why: 'legal-hold',
    });
    expect(objects.size).toBe(2);
    expect(memory.current().customer.name).toBe('王小明');
  });

  it('refuses an open complaint, and a closed one before its period is over', async () => {
    const open = setUp({ status: 'investigating', closedAt: undefined });
    expect(await anonymiseComplaint(open.deps, { ...retention, reason: 'erasure-request' })).toEqual({
      kind: 'refused',
      why: 'open',
    });
    const recent = setUp({ closedAt: '2026-01-01T00:00:00.000Z' });
    expect(await anonymiseComplaint(recent.deps, retention)).toEqual({ kind: 'refused', why: 'not-due' });
    // An erasure request does not wait for the period.
    expect(await anonymiseComplaint(recent.deps, { ...retention, reason: 'erasure-request' })).toMatchObject({
      kind: 'anonymised',
    });
  });

  it('answers not-found for an unknown complaint', async () => {
    const { deps } = setUp();
    expect(await anonymiseComplaint(deps, { ...retention, complaintId: 'nope' })).toEqual({
      kind: 'not-found',
    });
  });
});
