import type { Complaint } from '../../domain/complaint.ts';
import { composeEmail } from './compose.ts';
import type { EmailContent } from './mailer.ts';

/**
 * A bulk notice about the incident the customer's complaint is part of: staff's words in the
 * customer's language, addressed to them by name, with their reference and tracking link.
 */
export const incidentNoticeEmail = (
  complaint: Complaint,
  message: string,
  trackingUrl: string,
): EmailContent => {
  const zh = complaint.customer.locale === 'zh-CN';
  const subject = zh
    ? `关于您的投诉（编号 ${complaint.reference}）的最新进展`
    : `News about your complaint ${complaint.reference}`;
  return composeEmail(complaint.customer.locale, subject, [
    {
      kind: 'paragraph',
      text: zh ? `${complaint.customer.name}，您好：` : `Dear ${complaint.customer.name},`,
    },
    {
      kind: 'paragraph',
      text: zh
        ? '您的投诉与其他客户反映的同一问题有关，我们正在统一处理。'
        : 'Your complaint concerns a problem other customers have reported too, and we are handling it as one.',
    },
    { kind: 'paragraph', text: message },
    {
      kind: 'link',
      intro: zh ? '您可以通过以下链接查看投诉进度：' : 'You can follow your complaint here:',
      label: zh ? '查看投诉进度' : 'Track your complaint',
      url: trackingUrl,
    },
  ]);
};
