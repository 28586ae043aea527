import { describe, expect, it } from 'vitest';
import type { ComplaintEvent, EventDraft } from '../../../functions/domain/audit-event.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { customerView } from '../../../functions/domain/customer-view.ts';

const complaint = {
  id: 'C1',
  reference: 'CMP-261123-ABCDEF',
  status: 'received',
  channel: 'web',
  customer: { name: '张三', email: 'z@example.com', phone: '13800000000', locale: 'zh-CN' },
  subject: '漏水',
  description: '内部描述',
  consent: { dataProcessing: true, recordedAt: '2026-11-23T00:00:00.000Z' },
  submittedAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
  version: 2,
  tier: 'ordinary',
  customerKey: 'key',
} satisfies Complaint;

const event = (eventId: string, draft: EventDraft): ComplaintEvent => ({
  complaintId: 'C1',
  eventId,
  at: '2026-11-23T00:00:00.000Z',
  actor: { kind: 'system' },
  ...draft,
});

describe('customerView', () => {
  it('shows only customer-visible events, oldest first, and no personal or internal data', () => {
    const view = customerView(complaint, [
      event('02', { type: 'complaint.acknowledged', customerVisible: true }),
      event('01', { type: 'complaint.received', customerVisible: true }),
      event('015', {
        type: 'complaint.triaged',
        customerVisible: false,
        details: {
          reasons: [],
          firstResponseDueAt: '2026-11-24T00:00:00.000Z',
          firstResponseRule: 'severity:L3',
          resolutionDueAt: '2026-11-30T00:00:00.000Z',
          resolutionRule: 'severity:L3',
        },
      }),
    ]);
    expect(view.timeline.map((entry) => entry.type)).toEqual([
      'complaint.received',
      'complaint.acknowledged',
    ]);
    expect(JSON.stringify(view)).not.toMatch(/z@example\.com|13800000000|内部描述|张三/u);
    expect(view.dueDates).toEqual({ firstResponse: null, resolution: null });
  });

  it('shows the question asked and the answer given, and our resolution without staff names', () => {
    const view = customerView(
      {
        ...complaint,
        status: 'resolved',
        resolution: {
          outcome: 'partly-resolved',
          summary: '已退部分货款',
          remedy: 'refund',
          amount: 50,
          nextSteps: '补发配件',
          nextStepsBy: '2026-11-30T10:00:00.000Z',
          by: 'agent-007',
          at: '2026-11-24T00:00:00.000Z',
        },
      },
      [
        event('01', {
          type: 'info.requested',
          customerVisible: true,
          details: { message: '请提供购买凭证' },
        }),
        event('02', {
          type: 'customer.replied',
          customerVisible: true,
          details: { message: '已上传凭证', resumedClock: true },
        }),
        event('03', { type: 'note.added', customerVisible: false, details: { text: '内部备注' } }),
        event('04', {
          type: 'complaint.resolved',
          customerVisible: true,
          details: { outcome: 'partly-resolved', remedy: 'refund', onTime: true },
        }),
      ],
    );
    expect(view.timeline).toEqual([
      { at: '2026-11-23T00:00:00.000Z', type: 'info.requested', message: '请提供购买凭证' },
      { at: '2026-11-23T00:00:00.000Z', type: 'customer.replied', message: '已上传凭证' },
      { at: '2026-11-23T00:00:00.000Z', type: 'complaint.resolved' },
    ]);
    expect(view.resolution).toMatchObject({ outcome: 'partly-resolved', nextSteps: '补发配件', amount: 50 });
    expect(JSON.stringify(view)).not.toMatch(/agent-007|内部备注/u);
  });
});
