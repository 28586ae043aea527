import { describe, expect, it } from 'vitest';
import { lateReplyAlertEmail } from '../../../functions/adapters/email/late-reply-alert.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import type { Policy } from '../../../functions/domain/policy.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultPolicy } from '../../support/policy.ts';

const HOSTILE = `<script>alert("x")</script>&`;
const closed: Complaint = {
  ...receivedComplaint(new Date('2026-11-20T02:00:00Z')),
  status: 'closed',
  subject: HOSTILE,
  customer: { name: 'Li Lei', email: 'li.lei@example.net', phone: '13800138000', locale: 'en' },
};
const alert = { id: 'M1', kind: 'late-reply', createdAt: '2026-11-23T02:30:00.000Z' } as const;
const context = { caseUrl: 'https://example.com/console/#/case/C1', assigneeName: '刘洋' };
const staffIn = (staffLocale: Policy['staffLocale']): Policy => ({ ...defaultPolicy(), staffLocale });

describe('late-reply alert to the handler of a finished complaint', () => {
  it('says in the staff language that the customer wrote, when, with the case link, and no contact details', () => {
    const zh = lateReplyAlertEmail(staffIn('zh-CN'), closed, alert, 'Asia/Shanghai', context);
    expect(zh.subject).toBe(`【客户来信】${closed.reference}（已结案）客户回复了邮件`);
    expect(zh.text).toContain('刘洋');
    expect(zh.text).toContain('2026年11月23日 10:30');
    expect(zh.text).toContain(context.caseUrl);
    const en = lateReplyAlertEmail(staffIn('en'), closed, alert, 'Asia/Shanghai', context);
    expect(en.subject).toBe(`[Customer wrote] ${closed.reference} (Closed): the customer replied`);
    expect(en.text).toContain('it was not reopened');
    for (const mail of [zh, en]) {
      expect(`${mail.text}${mail.html}`).not.toMatch(/li\.lei|13800138000/u);
      // The subject is the customer's text: escaped in the HTML part.
      expect(mail.html).not.toContain('<script>');
    }
  });
});
