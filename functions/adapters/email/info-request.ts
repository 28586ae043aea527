import type { Complaint } from '../../domain/complaint.ts';
import { escapeHtml, htmlDocument } from './html.ts';
import type { EmailContent } from './mailer.ts';

/** Staff need more information: the question, in the customer's language, and where to answer. */
export const infoRequestEmail = (
  complaint: Complaint,
  message: string,
  trackingUrl: string,
  /** The complaint's reply address, when this deployment receives mail: answering by mail works too. */
  replyTo?: string,
): EmailContent => {
  const zh = complaint.customer.locale === 'zh-CN';
  const subject = zh
    ? `关于您的投诉（编号 ${complaint.reference}），我们需要您补充信息`
    : `Your complaint ${complaint.reference}: we need some more information`;
  const lines = zh
    ? [
        `${complaint.customer.name}，您好：`,
        '为了尽快处理您的投诉，我们需要您补充以下信息：',
        message,
        replyTo
          ? '请直接回复此邮件，或通过以下链接查看并回复（回复前处理时限暂停计算）：'
          : '请通过以下链接查看并回复（回复前处理时限暂停计算）：',
      ]
    : [
        `Dear ${complaint.customer.name},`,
        'To handle your complaint we need a little more information:',
        message,
        replyTo
          ? 'Please reply to this email, or answer through this link (the clock stops until you do):'
          : 'Please answer through this link (the clock stops until you do):',
      ];
  const text = [...lines, trackingUrl].join('\n\n');
  const html = htmlDocument(
    complaint.customer.locale,
    subject,
    `<p>${escapeHtml(lines[0]!)}</p><p>${escapeHtml(lines[1]!)}</p>` +
      `<blockquote style="border-left:3px solid #d0d7de;margin:0;padding:4px 12px;white-space:pre-wrap">${escapeHtml(message)}</blockquote>` +
      `<p>${escapeHtml(lines[3]!)}<br><a href="${escapeHtml(trackingUrl)}">${escapeHtml(trackingUrl)}</a></p>`,
  );
  return { subject, text, html, ...(replyTo ? { replyTo } : {}) };
};
