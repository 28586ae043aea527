import type { Complaint } from '../../domain/complaint.ts';
import { labelOf } from '../../domain/labels.ts';
import { composeEmail } from './compose.ts';
import type { EmailContent } from './mailer.ts';

/** The customer asked for their tracking link again ("find my complaint"): the current one. */
export const trackingLinkEmail = (complaint: Complaint, trackingUrl: string): EmailContent => {
  const locale = complaint.customer.locale;
  const zh = locale === 'zh-CN';
  const subject = zh
    ? `您的投诉（编号 ${complaint.reference}）的查询链接`
    : `The tracking link for your complaint ${complaint.reference}`;
  return composeEmail(locale, subject, [
    {
      kind: 'paragraph',
      text: zh ? `${complaint.customer.name}，您好：` : `Dear ${complaint.customer.name},`,
    },
    {
      kind: 'paragraph',
      text: zh
        ? '您（或他人使用您的投诉编号和邮箱）申请了查询链接。以下是您投诉的当前查询链接：'
        : 'You (or someone using your reference and email) asked for the tracking link. Here is the current link to your complaint:',
    },
    {
      kind: 'facts',
      rows: [
        [zh ? '投诉编号' : 'Reference', complaint.reference],
        [zh ? '当前状态' : 'Status', labelOf(locale, 'status', complaint.status)],
      ],
    },
    {
      kind: 'link',
      intro: zh ? '查询链接（请勿转发）：' : 'Your tracking link (please do not share it):',
      label: zh ? '查看处理进度' : 'Track your complaint',
      url: trackingUrl,
    },
    {
      kind: 'small',
      text: zh
        ? '如果不是您本人申请，可忽略此邮件：链接只发送到您登记的邮箱。'
        : 'If you did not ask for it, ignore this email: the link is only ever sent to the address you gave us.',
    },
    { kind: 'paragraph', text: zh ? '客户服务中心' : 'Customer Service' },
  ]);
};
