import type { Complaint } from '../../domain/complaint.ts';
import { CUSTOMER_REJECTION_REASON } from '../../domain/customer-labels.ts';
import { composeEmail } from './compose.ts';
import type { EmailContent } from './mailer.ts';

/**
 * We will not handle the complaint: the reason in neutral words (staff's note stays internal, as it
 * may say more than the customer should read), where to see it, and where else the customer can turn.
 */
export const rejectionNoticeEmail = (complaint: Complaint, trackingUrl: string): EmailContent => {
  const locale = complaint.customer.locale;
  const zh = locale === 'zh-CN';
  const reason = complaint.rejection?.reason ?? 'invalid';
  const subject = zh
    ? `关于您的投诉（编号 ${complaint.reference}）的受理决定`
    : `Your complaint ${complaint.reference}: our decision`;
  return composeEmail(locale, subject, [
    {
      kind: 'paragraph',
      text: zh ? `${complaint.customer.name}，您好：` : `Dear ${complaint.customer.name},`,
    },
    {
      kind: 'paragraph',
      text: zh
        ? `经审核，我们无法受理您的投诉，原因：${CUSTOMER_REJECTION_REASON[locale][reason]}。`
        : `We have reviewed your complaint and cannot take it up: ${CUSTOMER_REJECTION_REASON[locale][reason]}.`,
    },
    { kind: 'facts', rows: [[zh ? '投诉编号' : 'Reference', complaint.reference]] },
    {
      kind: 'link',
      intro: zh ? '您可以通过以下链接查看投诉记录：' : 'You can see the record of your complaint here:',
      label: zh ? '查看投诉' : 'View complaint',
      url: trackingUrl,
    },
    {
      kind: 'paragraph',
      text: zh
        ? '如您对此决定有异议，可补充信息后重新提交投诉，也可向消费者协会等第三方调解机构反映。'
        : 'If you disagree, you may file a new complaint with more details, or turn to a consumer association or another mediator.',
    },
    { kind: 'paragraph', text: zh ? '客户服务中心' : 'Customer Service' },
  ]);
};
