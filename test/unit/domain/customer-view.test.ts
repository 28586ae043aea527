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
});
