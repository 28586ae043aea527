import type { Complaint } from '../../domain/complaint.ts';
import { labelOf } from '../../domain/labels.ts';
import { composeEmail } from './compose.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

/**
 * The result of the complaint, sent as soon as it is resolved (legally required, so sent whatever the
 * customer's follow-up preference): what was done, the remedy, next steps when only partly resolved,
 * and how to respond.
 */
export const resultNoticeEmail = (
  complaint: Complaint,
  trackingUrl: string,
  timeZone: string,
): EmailContent => {
  const locale = complaint.customer.locale;
  const zh = locale === 'zh-CN';
  const resolution = complaint.resolution;
  const partly = resolution?.outcome === 'partly-resolved';
  const subject = zh
    ? `您的投诉（编号 ${complaint.reference}）${partly ? '已部分解决' : '已处理完毕'}`
    : `Your complaint ${complaint.reference} has been ${partly ? 'partly resolved' : 'resolved'}`;
  const rows: [string, string][] = [[zh ? '投诉编号' : 'Reference', complaint.reference]];
  if (resolution) {
    rows.push([zh ? '处理结论' : 'Outcome', labelOf(locale, 'outcome', resolution.outcome)]);
    rows.push([zh ? '处理结果' : 'What we did', resolution.summary]);
    rows.push([zh ? '补救措施' : 'Remedy', labelOf(locale, 'remedy', resolution.remedy)]);
    if (resolution.amount !== undefined) {
      rows.push([zh ? '金额' : 'Amount', `¥${resolution.amount.toFixed(2)}`]);
    }
    if (partly && resolution.nextSteps) rows.push([zh ? '后续措施' : 'Next steps', resolution.nextSteps]);
    if (partly && resolution.nextStepsBy) {
      rows.push([zh ? '预计完成' : 'Expected by', formatInstant(resolution.nextStepsBy, locale, timeZone)]);
    }
  }
  return composeEmail(locale, subject, [
    {
      kind: 'paragraph',
      text: zh ? `${complaint.customer.name}，您好：` : `Dear ${complaint.customer.name},`,
    },
    {
      kind: 'paragraph',
      text: zh
        ? partly
          ? '您的投诉已部分解决。以下是处理结果和后续安排：'
          : '您的投诉已处理完毕。以下是处理结果：'
        : partly
          ? 'Your complaint is partly resolved. Here is what we did and what comes next:'
          : 'Your complaint is resolved. Here is what we did:',
    },
    { kind: 'facts', rows },
    {
      kind: 'link',
      intro: zh
        ? '如对处理结果有异议，或问题仍未解决，请通过以下链接回复我们：'
        : 'If you disagree with the result or the problem is not solved, tell us through this link:',
      label: zh ? '查看并回复' : 'View and respond',
      url: trackingUrl,
    },
    {
      kind: 'paragraph',
      text: zh
        ? '稍后我们会请您对处理过程和结果进行评价。'
        : 'We will shortly ask you to rate how we handled it and the result.',
    },
    { kind: 'paragraph', text: zh ? '客户服务中心' : 'Customer Service' },
  ]);
};
