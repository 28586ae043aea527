import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { resultNoticeEmail } from '../../../functions/adapters/email/result-notice.ts';
import { rejectionNoticeEmail } from '../../../functions/adapters/email/rejection-notice.ts';
import { reopenAlertEmail } from '../../../functions/adapters/email/reopen-alert.ts';
import { surveyEmail } from '../../../functions/adapters/email/survey.ts';
import { defaultPolicy } from '../../support/policy.ts';

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>&`;

const complaint = (locale: 'zh-CN' | 'en'): Complaint => ({
  id: 'C1',
  reference: 'CMP-261123-ABCDEF',
  status: 'resolved',
  channel: 'web',
  customer: { name: HOSTILE, email: 'x@example.com', locale },
  subject: HOSTILE,
  description: HOSTILE,
  consent: { dataProcessing: true, recordedAt: '2026-11-20T02:00:00.000Z' },
  submittedAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  version: 1,
  tier: 'ordinary',
  customerKey: 'k',
  resolution: {
    outcome: 'partly-resolved',
    summary: HOSTILE,
    remedy: 'refund',
    amount: 99.5,
    nextSteps: HOSTILE,
    nextStepsBy: '2026-11-30T10:00:00.000Z',
    by: 'agent-1',
    at: '2026-11-23T02:00:00.000Z',
  },
  followUp: { round: 0, answer: { overall: 1, process: 1, result: 1, solved: 'no', comment: HOSTILE } },
});

const LINKS = {
  survey: 'https://example.com/survey/?t=abc&x="<',
  optOut: 'https://example.com/survey/?t=abc&opt-out=1',
  oneClickOptOut: 'https://example.com/v1/surveys/abc/opt-out',
};

const reopenAlert = () =>
  reopenAlertEmail(defaultPolicy(), complaint('zh-CN'), 'Asia/Shanghai', {
    caseUrl: 'https://example.com/console/#/case/x',
    assigneeName: undefined,
  });

describe('follow-up emails', () => {
  const emails = (['zh-CN', 'en'] as const).flatMap((locale) => [
    resultNoticeEmail(complaint(locale), 'https://example.com/track', 'Asia/Shanghai'),
    surveyEmail(complaint(locale), LINKS, '2026-11-30T02:00:00.000Z', 'Asia/Shanghai', false),
    surveyEmail(complaint(locale), LINKS, '2026-11-30T02:00:00.000Z', 'Asia/Shanghai', true),
  ]);

  it('offer one-click unsubscribe (RFC 8058) on survey mail only', () => {
    const [notice, survey, reminder] = emails;
    expect(notice!.headers).toBeUndefined();
    for (const email of [survey!, reminder!]) {
      expect(email.headers).toEqual([
        { name: 'List-Unsubscribe', value: '<https://example.com/v1/surveys/abc/opt-out>' },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ]);
    }
  });

  it('escape every customer-supplied string in the HTML part, keep it readable in the text part', () => {
    for (const email of [...emails, reopenAlert()]) {
      expect(email.html).not.toMatch(/<script|<img|onerror=alert\(1\)>/u);
      expect(email.html).toContain('&lt;script&gt;');
      expect(email.text).toContain(HOSTILE);
    }
  });

  it('state next steps and their date when only partly resolved, and the remedy', () => {
    const [zh, , , en] = emails;
    expect(zh!.subject).toContain('部分解决');
    expect(zh!.text).toMatch(/后续措施: .*<script>/u);
    expect(zh!.text).toContain('退款');
    expect(en!.text).toContain('Expected by');
    expect(en!.text).toContain('¥99.50');
  });

  it('put the survey and opt-out links in both parts; a reminder says so', () => {
    const [, survey, reminder] = emails;
    expect(survey!.text).toContain(LINKS.survey);
    expect(survey!.text).toContain(LINKS.optOut);
    expect(survey!.html).toContain('href="https://example.com/survey/?t=abc&amp;x=&quot;&lt;"');
    expect(reminder!.subject).toMatch(/^【提醒】/u);
  });
});

describe('reopen alert to the supervisors', () => {
  it('names codes, the assignee and the deadline in words, and links to the case', () => {
    const reopened: Complaint = { ...complaint('zh-CN'), priority: 'P1' };
    const email = reopenAlertEmail(defaultPolicy(), reopened, 'Asia/Shanghai', {
      caseUrl: 'https://example.com/console/#/case/x',
      assigneeName: '刘洋',
    });
    expect(email.text).toContain('P1 最高');
    expect(email.text).toContain('未解决');
    expect(email.text).toContain('刘洋');
    expect(email.text).toContain('https://example.com/console/#/case/x');
    expect(email.text).not.toMatch(/\bno\b|T\d\d:\d\d:\d\d/u);
  });
});

describe('rejection notice', () => {
  const rejected = (locale: 'zh-CN' | 'en', reason: 'malicious' | 'not-our-responsibility'): Complaint => ({
    ...complaint(locale),
    status: 'rejected',
    rejection: { reason, note: '内部备注：重复恶意投诉', at: '2026-11-23T02:00:00.000Z' },
  });

  it("gives the reason in the customer's words, never staff's note, escaped, with the tracking link", () => {
    const zh = rejectionNoticeEmail(rejected('zh-CN', 'not-our-responsibility'), 'https://example.com/track');
    expect(zh.subject).toBe('关于您的投诉（编号 CMP-261123-ABCDEF）的受理决定');
    expect(zh.text).toContain('不属于本公司的责任范围');
    expect(zh.text).toContain('https://example.com/track');
    const en = rejectionNoticeEmail(rejected('en', 'malicious'), 'https://example.com/track');
    expect(en.text).toContain('does not meet the conditions for acceptance');
    expect(en.text).not.toMatch(/malicious/u);
    for (const email of [zh, en]) {
      expect(email.text).not.toContain('内部备注');
      expect(email.html).not.toMatch(/<script|<img/u);
      expect(email.html).toContain('&lt;script&gt;');
    }
  });
});
