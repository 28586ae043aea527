import { describe, expect, it } from 'vitest';
import type { ComplaintEvent, EventDraft } from '../../../functions/domain/audit-event.ts';
import { caseThread, isNoise } from '../../../functions/domain/case-thread.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import type { SentMail } from '../../../functions/domain/sent-mail.ts';
import { receivedComplaint } from '../../support/complaints.ts';

const complaint = (overrides: Partial<Complaint> = {}) =>
  receivedComplaint(new Date('2026-12-28T02:00:00Z'), {
    desiredOutcome: '退款',
    product: 'BCD-520',
    orderRef: 'JD-1',
    ...overrides,
  });

let sequence = 0;
const event = (
  at: string,
  draft: EventDraft,
  actor: ComplaintEvent['actor'] = { kind: 'staff', id: 'agent-1' },
): ComplaintEvent => ({
  ...draft,
  complaintId: 'C1',
  eventId: `01EVENT${String((sequence += 1)).padStart(4, '0')}`,
  at,
  actor,
});

const mail = (sentAt: string, overrides: Partial<SentMail> = {}): SentMail => ({
  id: 'M1',
  mailKind: 'info-request',
  sentAt,
  subject: '请补充信息',
  text: '您好，请提供购买凭证。',
  messageId: 'ses-1',
  truncated: false,
  ...overrides,
});

describe('caseThread', () => {
  it('opens with the complaint as the customer wrote it', () => {
    const [first] = caseThread(complaint(), [], []);
    expect(first).toMatchObject({
      kind: 'complaint',
      at: '2026-12-28T02:00:00.000Z',
      author: { kind: 'customer' },
      internal: false,
      subject: '冰箱漏水',
      description: '新买的冰箱漏水。',
      desiredOutcome: '退款',
      product: 'BCD-520',
      orderRef: 'JD-1',
    });
  });

  it('puts messages, mail, contacts and notes in time order, notes internal', () => {
    const events = [
      event(
        '2026-12-28T05:00:00.000Z',
        {
          type: 'customer.replied',
          customerVisible: true,
          details: { message: '凭证见附件', resumedClock: true },
        },
        { kind: 'customer' },
      ),
      event('2026-12-28T03:00:00.000Z', {
        type: 'info.requested',
        customerVisible: true,
        details: { message: '请提供购买凭证' },
      }),
      event('2026-12-28T06:00:00.000Z', {
        type: 'note.added',
        customerVisible: false,
        details: { text: '仓库已确认' },
      }),
      event('2026-12-28T07:00:00.000Z', {
        type: 'customer.contacted',
        customerVisible: true,
        details: { channel: 'phone', summary: '已电话沟通', firstContact: false },
      }),
      event(
        '2026-12-28T03:00:01.000Z',
        { type: 'notification.sent', customerVisible: false, details: { kind: 'info-request' } },
        { kind: 'system' },
      ),
    ];
    const thread = caseThread(complaint(), events, [mail('2026-12-28T03:00:02.000Z')]);
    expect(thread.map((entry) => entry.kind)).toEqual([
      'complaint',
      'info-request',
      'mail',
      'customer-message',
      'note',
      'contact',
    ]);
    expect(thread[2]).toMatchObject({
      subject: '请补充信息',
      text: '您好，请提供购买凭证。',
      messageId: 'ses-1',
    });
    expect(thread[3]).toMatchObject({ text: '凭证见附件', author: { kind: 'customer' }, internal: false });
    expect(thread[4]).toMatchObject({
      text: '仓库已确认',
      author: { kind: 'staff', id: 'agent-1' },
      internal: true,
    });
    expect(thread[5]).toMatchObject({ channel: 'phone', summary: '已电话沟通' });
  });

  it('shows a proposal with its approval as it stands, and the decline note', () => {
    const proposed = {
      summary: '全额退款',
      remedy: 'refund' as const,
      amount: 3999,
      by: 'agent-1',
      at: '2026-12-29T01:00:00.000Z',
      approval: 'pending' as const,
    };
    const declined = {
      ...proposed,
      approval: 'declined' as const,
      decidedBy: 'sup-1',
      decidedAt: '2026-12-29T02:00:00.000Z',
      decisionNote: '先换货',
    };
    const thread = caseThread(
      complaint({ proposal: declined }),
      [
        event(proposed.at, {
          type: 'resolution.proposed',
          customerVisible: false,
          details: {
            summary: proposed.summary,
            remedy: proposed.remedy,
            amount: proposed.amount,
            approval: 'pending',
            approverRole: 'supervisor',
          },
          changes: { proposal: { before: null, after: proposed } },
        }),
        event(
          declined.decidedAt,
          {
            type: 'proposal.declined',
            customerVisible: false,
            details: { note: '先换货', proposedBy: 'agent-1' },
            changes: { proposal: { before: proposed, after: declined } },
          },
          { kind: 'staff', id: 'sup-1' },
        ),
      ],
      [],
    );
    expect(thread[1]).toMatchObject({
      kind: 'proposal',
      summary: '全额退款',
      remedy: 'refund',
      amount: 3999,
      approval: 'declined',
      decidedBy: 'sup-1',
      decisionNote: '先换货',
      internal: true,
    });
    expect(thread[2]).toMatchObject({ kind: 'proposal-decision', decision: 'declined', note: '先换货' });
  });

  it('shows the resolution, a rejection with its note, reopenings and the survey comment', () => {
    const resolution = {
      outcome: 'resolved' as const,
      summary: '已退款',
      remedy: 'refund' as const,
      amount: 100,
      by: 'agent-1',
      at: '2026-12-30T01:00:00.000Z',
    };
    const thread = caseThread(
      complaint({ resolution }),
      [
        event(resolution.at, {
          type: 'complaint.resolved',
          customerVisible: true,
          details: { outcome: 'resolved', remedy: 'refund', onTime: true },
        }),
        event(
          '2026-12-31T01:00:00.000Z',
          {
            type: 'survey.answered',
            customerVisible: true,
            details: {
              round: 0,
              overall: 2,
              process: 3,
              result: 1,
              solved: 'no',
              satisfied: false,
              comment: '还是漏水',
            },
          },
          { kind: 'customer' },
        ),
        event(
          '2026-12-31T01:00:00.000Z',
          {
            type: 'complaint.reopened',
            customerVisible: true,
            details: { reason: 'rated 2/5', byCustomer: true, resolutionDueAt: '2027-01-05T01:00:00.000Z' },
          },
          { kind: 'customer' },
        ),
      ],
      [],
    );
    expect(thread.slice(1)).toMatchObject([
      { kind: 'resolution', outcome: 'resolved', summary: '已退款', amount: 100 },
      { kind: 'survey-answer', overall: 2, process: 3, result: 1, solved: 'no', comment: '还是漏水' },
      { kind: 'reopened', reason: 'rated 2/5', byCustomer: true },
    ]);
    const rejected = caseThread(
      complaint({ rejection: { reason: 'malicious', note: '重复恶意投诉', at: '2026-12-28T03:00:00.000Z' } }),
      [
        event('2026-12-28T03:00:00.000Z', {
          type: 'complaint.rejected',
          customerVisible: true,
          details: { reason: 'malicious' },
        }),
      ],
      [],
    );
    expect(rejected[1]).toMatchObject({ kind: 'rejection', reason: 'malicious', note: '重复恶意投诉' });
  });

  it('reads the comment of an answer recorded before events kept it from the complaint', () => {
    const answer = { overall: 5, process: 5, result: 5, solved: 'yes' as const, comment: '谢谢' };
    const thread = caseThread(
      complaint({ followUp: { round: 0, answer, answeredAt: '2026-12-31T01:00:00.000Z' } }),
      [
        event(
          '2026-12-31T01:00:00.000Z',
          {
            type: 'survey.answered',
            customerVisible: true,
            details: { round: 0, overall: 5, process: 5, result: 5, solved: 'yes', satisfied: true },
          },
          { kind: 'customer' },
        ),
      ],
      [],
    );
    expect(thread[1]).toMatchObject({ kind: 'survey-answer', comment: '谢谢' });
  });

  it('leaves machinery out of the thread and flags it as noise', () => {
    const thread = caseThread(
      complaint(),
      [event('2026-12-28T03:00:00.000Z', { type: 'sla.paused', customerVisible: true })],
      [],
    );
    expect(thread.map((entry) => entry.kind)).toEqual(['complaint']);
    expect(isNoise('notification.sent')).toBe(true);
    expect(isNoise('sla.reminded')).toBe(true);
    expect(isNoise('customer.replied')).toBe(false);
    expect(isNoise('complaint.triaged')).toBe(false);
  });
});
