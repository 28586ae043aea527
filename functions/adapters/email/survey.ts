import type { Complaint } from '../../domain/complaint.ts';
import { composeEmail } from './compose.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

export interface SurveyLinks {
  survey: string;
  optOut: string;
  /** POST here opts out at once (RFC 8058 one-click: no page, no confirmation). */
  oneClickOptOut: string;
}

/**
 * The satisfaction survey (or its one reminder), with a single-use link and an opt-out link; mail
 * clients also offer the opt-out as their own "unsubscribe" button (List-Unsubscribe, RFC 8058).
 */
export const surveyEmail = (
  complaint: Complaint,
  links: SurveyLinks,
  expiresAt: string,
  timeZone: string,
  reminder: boolean,
): EmailContent => {
  const locale = complaint.customer.locale;
  const zh = locale === 'zh-CN';
  const until = formatInstant(expiresAt, locale, timeZone);
  const subject = zh
    ? `${reminder ? '【提醒】' : ''}请评价我们对您投诉（编号 ${complaint.reference}）的处理`
    : `${reminder ? 'Reminder: ' : ''}How did we handle your complaint ${complaint.reference}?`;
  const content = composeEmail(locale, subject, [
    {
      kind: 'paragraph',
      text: zh ? `${complaint.customer.name}，您好：` : `Dear ${complaint.customer.name},`,
    },
    {
      kind: 'paragraph',
      text: zh
        ? '感谢您给我们改进的机会。请花一分钟，分别对处理过程和处理结果打分（1–5 分）。如果问题仍未解决，也请告诉我们，我们会重新处理。'
        : 'Thank you for giving us the chance to put things right. Please take a minute to rate the handling and the result separately (1–5). If the problem is not solved, tell us and we will reopen it.',
    },
    {
      kind: 'link',
      intro: zh
        ? `评价链接（${until} 前有效，仅可提交一次）：`
        : `Your survey (open until ${until}, one answer):`,
      label: zh ? '开始评价' : 'Rate us',
      url: links.survey,
    },
    {
      kind: 'small',
      text: zh
        ? `不希望再收到关于此投诉的回访邮件？退订：${links.optOut}`
        : `Prefer no more follow-up emails about this complaint? Opt out: ${links.optOut}`,
    },
    { kind: 'paragraph', text: zh ? '客户服务中心' : 'Customer Service' },
  ]);
  return {
    ...content,
    headers: [
      { name: 'List-Unsubscribe', value: `<${links.oneClickOptOut}>` },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ],
  };
};
