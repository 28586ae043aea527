import type { Complaint } from '../../domain/complaint.ts';
import { labelOf } from '../../domain/labels.ts';
import { composeEmail } from './compose.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

/**
 * The customer told us they are not satisfied (a low survey rating, "not solved", or the tracking
 * page) and the complaint is being handled again: they hear so, with the new reply date.
 */
export const reopenedNoticeEmail = (
  complaint: Complaint,
  trackingUrl: string,
  timeZone: string,
): EmailContent => {
  const locale = complaint.customer.locale;
  const zh = locale === 'zh-CN';
  const due = complaint.sla?.resolution.dueAt;
  const subject = zh
    ? `您的投诉（编号 ${complaint.reference}）已重新处理`
    : `Your complaint ${complaint.reference} has been reopened`;
  const rows: [string, string][] = [
    [zh ? '投诉编号' : 'Reference', complaint.reference],
    [zh ? '当前状态' : 'Status', labelOf(locale, 'status', complaint.status)],
  ];
  if (due) rows.push([zh ? '预计答复' : 'Reply expected by', formatInstant(due, locale, timeZone)]);
  return composeEmail(locale, subject, [
    {
      kind: 'paragraph',
      text: zh ? `${complaint.customer.name}，您好：` : `Dear ${complaint.customer.name},`,
    },
    {
      kind: 'paragraph',
      text: zh
        ? '感谢您告诉我们问题仍未令您满意。我们已重新处理您的投诉，负责人员将再次跟进，并在以下时间前给您答复。'
        : 'Thank you for telling us you are not satisfied. We have reopened your complaint; the person responsible will follow it up again and reply by the date below.',
    },
    { kind: 'facts', rows },
    {
      kind: 'link',
      intro: zh ? '您可以通过以下链接查看处理进度：' : 'You can follow its progress here:',
      label: zh ? '查看处理进度' : 'Track your complaint',
      url: trackingUrl,
    },
    { kind: 'paragraph', text: zh ? '客户服务中心' : 'Customer Service' },
  ]);
};
