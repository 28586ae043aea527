import type { Complaint, StaffAlert } from '../../domain/complaint.ts';
import type { Locale } from '../../domain/vocabulary.ts';
import type { Policy } from '../../domain/policy.ts';
import { labelOf } from '../../domain/labels.ts';
import { formatInstant, formatMinutes } from './format.ts';
import { escapeHtml, htmlDocument } from './html.ts';
import type { EmailContent } from './mailer.ts';

const STAGE_NAMES: Record<Locale, Record<string, string>> = {
  'zh-CN': { firstResponse: '首次响应', resolution: '处理完结' },
  en: { firstResponse: 'first response', resolution: 'resolution' },
};

const LABELS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    reference: '投诉编号',
    subject: '主题',
    category: '类别',
    severity: '严重等级',
    priority: '优先级',
    department: '责任部门',
    submittedAt: '受理时间',
    dueAt: '时限',
    late: '已超时',
    level: '升级层级',
    assignee: '处理人',
    unassigned: '未分派',
    open: '打开案件',
    intro: '以下投诉已超出处理时限，现升级至您处理，请立即跟进并督促责任人员。',
    reminder: '以下投诉仍未在时限内处理完毕，请尽快跟进。',
    emergency: '收到一起 L1 级（重大质量/安全）投诉，已启动应急处理流程，请立即关注。',
    footer: '此邮件由投诉处理系统自动发送，不含客户个人联系方式。',
  },
  en: {
    reference: 'Reference',
    subject: 'Subject',
    category: 'Category',
    severity: 'Severity',
    priority: 'Priority',
    department: 'Department',
    submittedAt: 'Received',
    dueAt: 'Due',
    late: 'Late by',
    level: 'Escalation level',
    assignee: 'Assignee',
    unassigned: 'unassigned',
    open: 'Open the case',
    intro:
      'This complaint has missed its deadline and is escalated to you. Please follow up with the people handling it now.',
    reminder: 'This complaint is still overdue. Please follow up.',
    emergency:
      'An L1 (major quality/safety) complaint was received and the emergency procedure has started. Please attend to it now.',
    footer: 'Sent automatically by the complaint-handling system; it holds no customer contact details.',
  },
};

/** What the mail says beyond the complaint: where the case is, and who handles it. */
export interface CaseContext {
  /** The case page in the staff console. */
  caseUrl: string;
  /** The assignee's name from the staff directory; undefined when nobody is assigned. */
  assigneeName: string | undefined;
}

/**
 * Mail to supervisors / heads / senior management about an escalation, reminder or L1 emergency,
 * naming who handles the case and linking to it.
 */
export const escalationEmail = (
  policy: Policy,
  complaint: Complaint,
  message: StaffAlert,
  timeZone: string,
  context: CaseContext,
): EmailContent => {
  const locale = policy.staffLocale;
  const labels = LABELS[locale];
  const level = policy.escalation.levels[message.level - 1];
  const levelName = level ? `${message.level} · ${level.name[locale]}` : String(message.level);
  const department =
    policy.departments[complaint.department ?? '']?.name[locale] ?? complaint.department ?? '—';
  const stage = message.stage ? STAGE_NAMES[locale][message.stage] : undefined;
  const dueAt = message.stage ? complaint.sla?.[message.stage].dueAt : undefined;
  const late = formatMinutes(message.minutesLate, locale);

  const subject =
    message.kind === 'emergency'
      ? locale === 'zh-CN'
        ? `【应急】L1 投诉 ${complaint.reference}：${complaint.subject}`
        : `[EMERGENCY] L1 complaint ${complaint.reference}: ${complaint.subject}`
      : message.kind === 'escalation'
        ? locale === 'zh-CN'
          ? `【升级 ${levelName}】${complaint.reference} ${stage}已超时 ${late}`
          : `[Escalation ${levelName}] ${complaint.reference} ${stage} overdue by ${late}`
        : locale === 'zh-CN'
          ? `【催办 #${message.reminder}】${complaint.reference} ${stage}已超时 ${late}`
          : `[Reminder #${message.reminder}] ${complaint.reference} ${stage} overdue by ${late}`;
  const intro =
    message.kind === 'emergency'
      ? labels.emergency
      : message.kind === 'escalation'
        ? labels.intro
        : labels.reminder;

  const rows: [string, string][] = [
    [labels.reference!, complaint.reference],
    [labels.subject!, complaint.subject],
    [labels.category!, labelOf(locale, 'category', complaint.category)],
    [labels.severity!, labelOf(locale, 'severity', complaint.severity)],
    [labels.priority!, labelOf(locale, 'priority', complaint.priority)],
    [labels.department!, department],
    [labels.assignee!, context.assigneeName ?? labels.unassigned!],
    [labels.submittedAt!, formatInstant(complaint.submittedAt, locale, timeZone)],
    ...(dueAt
      ? ([[`${labels.dueAt}（${stage}）`, formatInstant(dueAt, locale, timeZone)]] as [string, string][])
      : []),
    ...(message.kind === 'emergency' ? [] : ([[labels.late!, late]] as [string, string][])),
    [labels.level!, levelName],
  ];
  const text = [
    intro!,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    `${labels.open}: ${context.caseUrl}`,
    '',
    labels.footer!,
  ].join('\n');
  const html = htmlDocument(
    locale,
    subject,
    `<p>${escapeHtml(intro!)}</p><table style="border-collapse:collapse">${rows
      .map(
        ([label, value]) =>
          `<tr><th style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
      )
      .join(
        '',
      )}</table><p><a href="${escapeHtml(context.caseUrl)}">${escapeHtml(labels.open!)}</a></p><p style="color:#57606a;font-size:0.9em">${escapeHtml(labels.footer!)}</p>`,
  );
  return { subject, text, html };
};
