import type { Complaint } from '../../functions/domain/complaint.ts';

/** A complaint as stored right after intake, received at `receivedAt`; override what a test needs. */
export const receivedComplaint = (receivedAt: Date, overrides: Partial<Complaint> = {}): Complaint => ({
  id: 'C1',
  reference: 'CMP-261123-AAAAAA',
  status: 'received',
  channel: 'web',
  customer: { name: '张三', email: 'z@example.com', locale: 'zh-CN' },
  subject: '冰箱漏水',
  description: '新买的冰箱漏水。',
  consent: { dataProcessing: true, recordedAt: receivedAt.toISOString() },
  submittedAt: receivedAt.toISOString(),
  updatedAt: receivedAt.toISOString(),
  version: 1,
  tier: 'ordinary',
  customerKey: 'k',
  ...overrides,
});
