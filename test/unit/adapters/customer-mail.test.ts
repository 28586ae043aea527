import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { acknowledgementEmail } from '../../../functions/adapters/email/acknowledgement.ts';
import { infoRequestEmail } from '../../../functions/adapters/email/info-request.ts';
import { rejectionNoticeEmail } from '../../../functions/adapters/email/rejection-notice.ts';
import { reopenedNoticeEmail } from '../../../functions/adapters/email/reopened-notice.ts';
import { resultNoticeEmail } from '../../../functions/adapters/email/result-notice.ts';
import { surveyEmail } from '../../../functions/adapters/email/survey.ts';
import { trackingLinkEmail } from '../../../functions/adapters/email/tracking-link.ts';
import { receivedComplaint } from '../../support/complaints.ts';

const URL = 'https://complaints.example.com/track/?id=X#token=T';
const TZ = 'Asia/Shanghai';

const complaint = (locale: 'zh-CN' | 'en'): Complaint => {
  const base = receivedComplaint(new Date('2026-11-20T02:00:00Z'));
  return {
    ...base,
    customer: { ...base.customer, locale },
    status: 'resolved',
    resolution: {
      outcome: 'partly-resolved',
      summary: 'summary',
      remedy: 'compensation',
      nextSteps: 'next',
      nextStepsBy: '2026-12-01T02:00:00.000Z',
      by: 'agent',
      at: '2026-11-23T02:00:00.000Z',
    },
    rejection: { reason: 'malicious', note: 'internal note', at: '2026-11-21T02:00:00.000Z' },
  };
};

const everyMail = (locale: 'zh-CN' | 'en') => {
  const c = complaint(locale);
  const links = { survey: 'https://s/1', optOut: 'https://s/2', oneClickOptOut: 'https://s/3' };
  return {
    acknowledgement: acknowledgementEmail(c, URL, TZ),
    infoRequest: infoRequestEmail(c, 'question', URL),
    rejection: rejectionNoticeEmail(c, URL),
    result: resultNoticeEmail(c, URL, TZ),
    survey: surveyEmail(c, links, '2026-12-01T02:00:00.000Z', TZ, false),
    reopened: reopenedNoticeEmail({ ...c, status: 'investigating' }, URL, TZ),
    trackingLink: trackingLinkEmail(c, URL),
  };
};

describe('customer mail', () => {
  it('acknowledges without any text the sender typed: the form relays nothing to a stranger', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const c = complaint(locale);
      const spam = {
        ...c,
        subject: 'WIN A PRIZE at evil.example',
        customer: { ...c.customer, name: 'Visit evil.example' },
      };
      const mail = acknowledgementEmail(spam, URL, TZ);
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toContain('evil.example');
      }
      expect(mail.text).toContain(c.reference);
    }
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`promises no reply channel that does not exist and shows no code (${locale})`, () => {
      for (const [name, mail] of Object.entries(everyMail(locale))) {
        const text = `${mail.subject}\n${mail.text}`;
        expect(text, name).not.toMatch(/reply to this email|回复此邮件|直接回复/iu);
        expect(text, name).not.toMatch(
          /\b(partly-resolved|compensation|malicious|not-our-responsibility|investigating|product-quality)\b/u,
        );
        expect(mail.html, name).toContain(`lang="${locale}"`);
      }
    });
  }

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`invites a reply by email only when the mail carries the complaint's reply address (${locale})`, () => {
      const c = complaint(locale);
      const replyTo = 'reply+token@inbound.example.com';
      for (const mail of [
        acknowledgementEmail(c, URL, TZ, replyTo),
        infoRequestEmail(c, 'question', URL, replyTo),
      ]) {
        expect(mail.replyTo).toBe(replyTo);
        expect(mail.text).toMatch(/reply to this email|回复此邮件/iu);
        expect(mail.html).toMatch(/reply to this email|回复此邮件/iu);
      }
      expect(acknowledgementEmail(c, URL, TZ).replyTo).toBeUndefined();
    });
  }

  it('words the outcome, remedy and status as labels in the customer language', () => {
    const zh = everyMail('zh-CN');
    expect(zh.result.text).toContain('处理结论: 部分解决');
    expect(zh.result.text).toContain('补救措施: 补偿');
    expect(zh.reopened.text).toContain('当前状态: 调查处理中');
    const en = everyMail('en');
    expect(en.result.text).toContain('Outcome: Partly resolved');
    expect(en.result.text).toContain('Remedy: Compensation');
  });

  it('tells a rejected customer the reason in neutral words, never the internal note', () => {
    const { rejection } = everyMail('en');
    expect(rejection.text).toContain('does not meet the conditions for acceptance');
    expect(rejection.text).not.toMatch(/malicious|internal note/iu);
  });

  it('mails the tracking link and the reopening with the link', () => {
    const { trackingLink, reopened } = everyMail('zh-CN');
    expect(trackingLink.text).toContain(URL);
    expect(reopened.text).toContain(URL);
    expect(reopened.subject).toContain('重新处理');
  });
});
