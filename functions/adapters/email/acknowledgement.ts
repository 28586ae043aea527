import type { Complaint } from '../../domain/complaint.ts';
import type { Locale } from '../../domain/vocabulary.ts';
import { formatInstant } from './format.ts';
import { escapeHtml, htmlDocument } from './html.ts';
import type { EmailContent } from './mailer.ts';

interface AcknowledgementCopy {
  subject: (reference: string) => string;
  greeting: string;
  received: string;
  referenceLabel: string;
  submittedLabel: string;
  nextStepsTitle: string;
  nextSteps: string[];
  expected: (firstContact: string, resolution: string) => string[];
  trackingIntro: string;
  trackingLink: string;
  closing: string;
  /** The closing when the customer can answer by replying to the mail (a reply address is set). */
  closingWithReply: string;
  signature: string;
}

const COPY: Record<Locale, AcknowledgementCopy> = {
  'zh-CN': {
    subject: (reference) => `我们已收到您的投诉（编号 ${reference}）`,
    greeting: '您好：',
    received: '感谢您的反馈，我们已收到您的投诉，并将认真处理。',
    referenceLabel: '投诉编号',
    submittedLabel: '提交时间',
    nextStepsTitle: '接下来的处理流程',
    nextSteps: [
      '我们将核实投诉内容，并分派给负责的部门。',
      '负责人员将与您联系，了解详细情况。',
      '我们会在承诺时限内给您正式答复；如需您补充信息，我们会通过邮件联系您（等待您回复期间，时限暂停计算）。',
      '处理完成后，我们会请您对处理过程和结果进行评价。',
    ],
    expected: (firstContact, resolution) => [
      `我们将在 ${firstContact} 前与您联系。`,
      `我们预计在 ${resolution} 前给您正式答复。`,
    ],
    trackingIntro: '您可以随时通过以下链接查看处理进度（请勿转发此链接）：',
    trackingLink: '查看处理进度',
    closing: '如需您补充信息，我们会通过邮件告知您，您可在上面的处理进度页面答复。',
    closingWithReply: '如需补充信息或照片，您可直接回复此邮件，也可在上面的处理进度页面答复。',
    signature: '客户服务中心',
  },
  en: {
    subject: (reference) => `We have received your complaint (ref. ${reference})`,
    greeting: 'Hello,',
    received: 'Thank you for telling us. We have received your complaint and will handle it carefully.',
    referenceLabel: 'Reference',
    submittedLabel: 'Submitted',
    nextStepsTitle: 'What happens next',
    nextSteps: [
      'We check your complaint and pass it to the department responsible.',
      'The person handling it will contact you to understand the details.',
      'We reply formally within our committed time; if we need more information we will email you (the clock stops while we wait for your answer).',
      'Once it is resolved, we will ask you to rate how we handled it and the result.',
    ],
    expected: (firstContact, resolution) => [
      `We will contact you by ${firstContact}.`,
      `We expect to give you our formal reply by ${resolution}.`,
    ],
    trackingIntro: 'You can follow its progress at any time with this link (please do not share it):',
    trackingLink: 'Track your complaint',
    closing: 'When we need more information we will email you, and you answer on the progress page above.',
    closingWithReply:
      'To add information or photos, simply reply to this email, or answer on the progress page above.',
    signature: 'Customer Service',
  },
};

/**
 * The acknowledgement sent at once after intake, in the complainant's language. It carries nothing
 * the sender typed (no name, no subject), only our own words, the reference and dates: anyone can
 * submit a complaint in another person's name, and the form must not be a relay for their text to
 * an address that never wrote to us. The customer reads their own words on the tracking page.
 */
export const acknowledgementEmail = (
  complaint: Complaint,
  trackingUrl: string,
  timeZone: string,
  /** The complaint's reply address, when this deployment receives mail. */
  replyTo?: string,
): EmailContent => {
  const locale = complaint.customer.locale;
  const copy = COPY[locale];
  const closing = replyTo ? copy.closingWithReply : copy.closing;
  const expected = complaint.sla
    ? copy.expected(
        formatInstant(complaint.sla.firstResponse.dueAt, locale, timeZone),
        formatInstant(complaint.sla.resolution.dueAt, locale, timeZone),
      )
    : [];
  const subject = copy.subject(complaint.reference);
  const submitted = formatInstant(complaint.submittedAt, locale, timeZone);
  const text = [
    copy.greeting,
    '',
    copy.received,
    '',
    `${copy.referenceLabel}: ${complaint.reference}`,
    `${copy.submittedLabel}: ${submitted}`,
    '',
    `${copy.nextStepsTitle}:`,
    ...copy.nextSteps.map((step, index) => `${index + 1}. ${step}`),
    '',
    ...(expected.length > 0 ? [...expected, ''] : []),
    copy.trackingIntro,
    trackingUrl,
    '',
    closing,
    '',
    copy.signature,
  ].join('\n');
  const html = htmlDocument(
    locale,
    subject,
    [
      `<p>${escapeHtml(copy.greeting)}</p>`,
      `<p>${escapeHtml(copy.received)}</p>`,
      '<table style="border-collapse:collapse;margin:12px 0">',
      `<tr><th style="text-align:left;padding:4px 12px 4px 0">${escapeHtml(copy.referenceLabel)}</th><td style="font-family:monospace;font-size:1.1em">${escapeHtml(complaint.reference)}</td></tr>`,
      `<tr><th style="text-align:left;padding:4px 12px 4px 0">${escapeHtml(copy.submittedLabel)}</th><td>${escapeHtml(submitted)}</td></tr>`,
      '</table>',
      `<h2 style="font-size:1.1em">${escapeHtml(copy.nextStepsTitle)}</h2>`,
      `<ol>${copy.nextSteps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>`,
      ...expected.map((line) => `<p><strong>${escapeHtml(line)}</strong></p>`),
      `<p>${escapeHtml(copy.trackingIntro)}<br><a href="${escapeHtml(trackingUrl)}">${escapeHtml(copy.trackingLink)}</a></p>`,
      `<p>${escapeHtml(closing)}</p>`,
      `<p>${escapeHtml(copy.signature)}</p>`,
    ].join(''),
  );
  return { subject, text, html, ...(replyTo ? { replyTo } : {}) };
};
