import type { Complaint } from '../../domain/complaint.ts';
import type { Locale, RejectionReason } from '../../domain/vocabulary.ts';
import { composeEmail } from './compose.ts';
import type { EmailContent } from './mailer.ts';

/**
 * Why we do not handle it, in words for the customer. Staff's note stays internal (it may say more
 * than the customer should read), and a malicious complaint is told so only in neutral terms.
 */
const REASON: Record<Locale, Record<RejectionReason, string>> = {
  'zh-CN': {
    invalid: '投诉内容不完整或不属于投诉受理范围。',
    malicious: '该投诉不符合受理条件。',
    'not-our-responsibility': '该问题不属于本公司的责任范围，建议您联系实际提供商品或服务的一方。',
  },
  en: {
    invalid: 'the complaint is incomplete or is not something our complaints service handles.',
    malicious: 'the complaint does not meet the conditions for acceptance.',
    'not-our-responsibility':
      'the matter is not our responsibility; please contact whoever provided the product or service.',
  },
};

/** We will not handle the complaint: the reason, where to see it, and where else the customer can turn. */
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
        ? `经审核，我们无法受理您的投诉，原因：${REASON[locale][reason]}`
        : `We have reviewed your complaint and cannot take it up: ${REASON[locale][reason]}`,
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
