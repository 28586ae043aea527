import { describe, expect, it } from 'vitest';
import { assistAlertEmail } from '../../../functions/adapters/email/assist-alert.ts';
import type { Complaint, StaffAlert } from '../../../functions/domain/complaint.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultPolicy } from '../../support/policy.ts';

const HOSTILE = `<script>alert("x")</script>&`;

const asked: Complaint = {
  ...receivedComplaint(new Date('2026-11-23T02:00:00Z'), { subject: HOSTILE, description: '水壶漏水' }),
  department: 'quality',
  assists: [
    {
      id: 'A1',
      department: 'legal',
      question: HOSTILE,
      required: true,
      requestedBy: 'agent-1',
      status: 'open',
      requestedAt: '2026-11-23T03:00:00.000Z',
      dueAt: '2026-11-25T03:00:00.000Z',
    },
  ],
};

const request: StaffAlert = {
  id: 'A1',
  kind: 'assist-requested',
  level: 1,
  assistId: 'A1',
  minutesLate: 0,
  createdAt: '2026-11-23T03:00:00.000Z',
};

const mailIn = (staffLocale: 'zh-CN' | 'en') =>
  assistAlertEmail({ ...defaultPolicy(), staffLocale }, asked, request, 'Asia/Shanghai', {
    caseUrl: 'https://example.com/console/#/case/C1',
    assigneeName: undefined,
  });

describe('assist request mail', () => {
  it("asks the assisting department in the staff language, with the question, due time and the case's link", () => {
    const zh = mailIn('zh-CN');
    expect(zh.subject).toBe(`【协办请求】${asked.reference} 请法务部协助：${HOSTILE}`);
    expect(zh.text).toContain('质量与产品安全部请贵部门协助处理以下投诉（必需协办：答复前案件不能办结）');
    expect(zh.text).toContain('https://example.com/console/#/case/C1');
    expect(zh.text).toContain('答复时限: 2026年11月25日 11:00');

    const en = mailIn('en');
    expect(en.subject).toBe(`[Assist requested] ${asked.reference}: Legal is asked to help`);
    expect(en.text).toContain('Quality & Product Safety asks your department to help on this case (required');
    expect(en.text).toContain('Question');
  });

  it('escapes the question and subject in the HTML part', () => {
    for (const mail of [mailIn('zh-CN'), mailIn('en')]) {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;');
    }
  });
});
