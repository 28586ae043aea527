import { describe, expect, it } from 'vitest';
import type { Complaint, ComplaintEvent } from '../../../functions/domain/complaint.ts';
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

const event = (eventId: string, type: ComplaintEvent['type'], customerVisible: boolean): ComplaintEvent => ({
  complaintId: 'C1',
  eventId,
  at: '2026-11-23T00:00:00.000Z',
  type,
  actor: { kind: 'system' },
  customerVisible,
});

describe('customerView', () => {
  it('shows only customer-visible events, oldest first, and no personal or internal data', () => {
    const view = customerView(complaint, [
      event('02', 'complaint.acknowledged', true),
      event('01', 'complaint.received', true),
      event('015', 'complaint.triaged', false),
    ]);
    expect(view.timeline.map((entry) => entry.type)).toEqual([
      'complaint.received',
      'complaint.acknowledged',
    ]);
    expect(JSON.stringify(view)).not.toMatch(/z@example\.com|13800000000|内部描述|张三/u);
    expect(view.dueDates).toEqual({ firstResponse: null, resolution: null });
  });

  it('shows the question asked and the answer given, and our resolution without staff names', () => {
    const withDetails = (base: ComplaintEvent, details: Record<string, unknown>) => ({ ...base, details });
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
        withDetails(event('01', 'info.requested', true), { message: '请提供购买凭证' }),
        withDetails(event('02', 'customer.replied', true), { message: '已上传凭证', resumedClock: true }),
        withDetails(event('03', 'note.added', false), { text: '内部备注' }),
        withDetails(event('04', 'complaint.resolved', true), { outcome: 'partly-resolved' }),
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
