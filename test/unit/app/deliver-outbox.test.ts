import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../../functions/app/deliver-outbox.ts';
import type { SentMailLog } from '../../../functions/app/ports.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { fixedPolicy, inMemoryStore, recordingMailer } from '../../support/in-memory-ports.ts';

const AT = new Date('2026-12-28T02:00:00Z');

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
    const kept: { complaintId: string; mail: Parameters<SentMailLog['record']>[1]; sentBefore: number }[] =
      [];
    const sentMail: SentMailLog = {
      record: (complaintId, mail) => {
        kept.push({ complaintId, mail, sentBefore: sent.length });
        return Promise.resolve();
      },
    };

    expect(await deliverOutbox({ store, mailer, policy: fixedPolicy, sentMail }, complaint.id)).toBe(2);

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
