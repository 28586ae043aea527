import { describe, expect, it } from 'vitest';
import type { ComplaintEvent } from '../../../functions/domain/audit-event.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { anonymisedEvent, personalDataRemoval } from '../../../functions/domain/personal-data.ts';
import { receivedComplaint } from '../../support/complaints.ts';

/** Every personal value below contains this, so one search finds any that survives. */
const P = 'PII';
const at = '2026-03-02T08:00:00.000Z';

/** A closed complaint with a value in every field that can hold the customer's data. */
const fullComplaint = (): Complaint =>
  receivedComplaint(new Date('2026-03-01T00:00:00.000Z'), {
    id: 'C9',
    status: 'closed',
    closedAt: at,
    channel: 'social-media',
    customer: {
      name: `${P} 王小明`,
      email: `${P}.wang@example.com`,
      phone: '+86 138 0013 8000',
      locale: 'zh-CN',
    },
    subject: `${P} subject`,
    description: `${P} 我的电话 13800138000`,
    desiredOutcome: `${P} refund`,
    orderRef: `${P}-ORDER-1`,
    product: 'fridge',
    category: 'product-quality',
    severity: 'L2',
    source: { kind: 'platform', name: `@${P}_wang`, reference: `${P}-post` },
    customerKey: `${P}-key`,
    customerPhoneKey: `${P}-phone-key`,
    finalGrade: {
      category: 'product-quality',
      severity: 'L2',
      urgency: 'important',
      priority: 'P2',
      reason: `${P} said so`,
      by: 'u1',
      at,
    },
    proposal: {
      summary: `${P} proposal`,
      remedy: 'refund',
      by: 'u1',
      at,
      approval: 'approved',
      decisionNote: `${P} ok`,
    },
    resolution: {
      outcome: 'resolved',
      summary: `${P} refunded`,
      remedy: 'refund',
      nextSteps: `${P} next`,
      rootCause: 'supplier',
      by: 'u1',
      at,
    },
    assists: [
      {
        id: 'A1',
        department: 'logistics',
        question: `${P} question`,
        required: false,
        status: 'answered',
        requestedBy: 'u1',
        requestedAt: at,
        dueAt: at,
        answer: `${P} answer`,
      },
    ],
    followUp: {
      round: 0,
      answeredAt: at,
      answer: { overall: 5, process: 5, result: 5, solved: 'yes', comment: `${P} thanks` },
    },
    outbox: [
      { id: 'O1', kind: 'info-request', text: `${P} please`, createdAt: at },
      { id: 'O2', kind: 'escalation', level: 1, minutesLate: 3, createdAt: at },
    ],
    attachments: [
      {
        id: 'F1',
        fileName: `${P}-id-card.jpg`,
        contentType: 'image/jpeg',
        size: 10,
        status: 'available',
        source: 'upload',
        uploadedBy: { kind: 'customer' },
        createdAt: at,
      },
    ],
    lifecycleFailure: { stage: 'triage', error: 'TypeError', cause: `${P} in a message`, at },
  });

describe('personal data of a complaint', () => {
  it('removes every personal value and keeps the figures the reports read', () => {
    const complaint = fullComplaint();
    const anonymised = { ...complaint, ...personalDataRemoval(complaint) };
    expect(JSON.stringify(anonymised)).not.toContain(P);
    expect(JSON.stringify(anonymised)).not.toContain('13800138000');
    expect(anonymised.customer).toEqual({ name: '', locale: 'zh-CN' });
    expect(anonymised.customerKey).toBe('anonymised#C9');
    expect(anonymised.attachments).toBeUndefined();
    expect(anonymised.outbox).toEqual([complaint.outbox![1]]);
    // Kept: codes, dates, grades, root cause, the survey's figures.
    expect(anonymised).toMatchObject({
      status: 'closed',
      closedAt: at,
      channel: 'social-media',
      product: 'fridge',
      category: 'product-quality',
      severity: 'L2',
      submittedAt: complaint.submittedAt,
      resolution: { outcome: 'resolved', remedy: 'refund', rootCause: 'supplier' },
      followUp: { answer: { overall: 5, process: 5, result: 5, solved: 'yes' } },
      source: { kind: 'platform' },
    });
  });

  it('has nothing more to remove from an anonymised complaint', () => {
    const complaint = fullComplaint();
    expect(personalDataRemoval({ ...complaint, ...personalDataRemoval(complaint) })).toEqual({});
  });

  const event = (overrides: Record<string, unknown>): ComplaintEvent =>
    ({
      complaintId: 'C9',
      eventId: 'E1',
      at,
      actor: { kind: 'customer' },
      customerVisible: true,
      ...overrides,
    }) as ComplaintEvent;

  it('blanks the free texts of audit events and keeps what the KPI counters read', () => {
    const events = [
      event({ type: 'customer.replied', details: { message: `${P} hello`, resumedClock: true } }),
      event({ type: 'note.added', details: { text: `${P} note` } }),
      event({
        type: 'survey.answered',
        details: {
          round: 0,
          overall: 2,
          process: 3,
          result: 1,
          solved: 'no',
          satisfied: false,
          comment: `${P}!`,
        },
      }),
      event({
        type: 'change.requested',
        details: { kind: 'reject', reason: 'duplicate', note: `${P} dup` },
      }),
      event({
        type: 'attachment.added',
        details: {
          attachmentId: 'F1',
          fileName: `${P}.jpg`,
          contentType: 'image/jpeg',
          size: 3,
          source: 'upload',
        },
      }),
      event({
        type: 'complaint.resolved',
        changes: {
          resolution: {
            before: undefined,
            after: { outcome: 'resolved', summary: `${P} done`, remedy: 'refund' },
          },
          customer: { before: { name: `${P}`, locale: 'en' }, after: { name: 'x', locale: 'en' } },
        },
        details: { outcome: 'resolved', remedy: 'refund', onTime: true },
      }),
    ];
    const anonymised = events.map(anonymisedEvent);
    expect(JSON.stringify(anonymised)).not.toContain(P);
    expect(anonymised[2]!.details).toEqual({
      round: 0,
      overall: 2,
      process: 3,
      result: 1,
      solved: 'no',
      satisfied: false,
    });
    expect(anonymised[3]!.details).toEqual({ kind: 'reject', reason: 'duplicate', note: '' });
    expect(anonymised[5]!.details).toEqual({ outcome: 'resolved', remedy: 'refund', onTime: true });
    expect(anonymised.map((one) => [one.type, one.eventId, one.at])).toEqual(
      events.map((one) => [one.type, one.eventId, one.at]),
    );
  });

  it('returns an event with nothing personal as it is', () => {
    const closed = event({ type: 'complaint.closed', details: { reason: 'satisfied' } });
    expect(anonymisedEvent(closed)).toBe(closed);
  });
});
