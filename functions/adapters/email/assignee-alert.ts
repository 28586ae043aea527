import type { AssigneeAlert, Complaint } from '../../domain/complaint.ts';
import { labelOf } from '../../domain/labels.ts';
import type { Policy } from '../../domain/policy.ts';
import { composeEmail } from './compose.ts';
import type { CaseContext } from './escalation.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

/**
 * Mail to the member of staff handling a case: it was assigned to them, or it moved up the escalation
 * chain (their supervisor, head or senior management now hear of it). In the staff language.
 */
export const assigneeAlertEmail = (
  policy: Policy,
  complaint: Complaint,
  message: AssigneeAlert,
  timeZone: string,
  context: CaseContext,
): EmailContent => {
  const locale = policy.staffLocale;
  const zh = locale === 'zh-CN';
  const level = message.level ? policy.escalation.levels[message.level - 1] : undefined;
  const levelName = level ? `${level.level} · ${level.name[locale]}` : String(message.level ?? '—');
  const stage = labelOf(locale, 'slaStage', message.stage);
  const department = policy.departments[complaint.department ?? '']?.name[locale] ?? complaint.department;
  const dueAt = message.stage
    ? complaint.sla?.[message.stage].dueAt
    : (complaint.sla?.firstResponse.completedAt ? complaint.sla.resolution : complaint.sla?.firstResponse)
        ?.dueAt;

  const assigned = message.kind === 'assigned';
  const warning = message.kind === 'assignee-warning';
  const subject = assigned
    ? zh
      ? `【分派】${complaint.reference} 已分派给您：${complaint.subject}`
      : `[Assigned] ${complaint.reference} is yours: ${complaint.subject}`
    : warning
      ? zh
        ? `【时限预警】您处理的 ${complaint.reference} ${stage}即将到期`
        : `[Deadline warning] your case ${complaint.reference}: ${stage} is due soon`
      : zh
        ? `【升级 ${levelName}】您处理的 ${complaint.reference} ${stage}已超时`
        : `[Escalation ${levelName}] your case ${complaint.reference}: ${stage} overdue`;
  const intro = assigned
    ? zh
      ? `${message.assignedBy ?? '主管'} 将以下投诉分派给您处理，请按时限联系客户并跟进。`
      : `${message.assignedBy ?? 'A supervisor'} assigned this complaint to you. Please contact the customer and follow it up within its deadlines.`
    : warning
      ? zh
        ? '您处理的以下投诉即将超出时限，超时后将升级至主管。如预计无法按时完成，请在工作台中主动升级并说明原因。'
        : 'Your case is close to its deadline; once it passes, it is escalated to your supervisor. If you foresee a delay, escalate it yourself in the console with a reason.'
      : zh
        ? `您处理的以下投诉已超出时限，已升级至${level?.name[locale] ?? '上级'}，请立即处理。`
        : `Your case has missed its deadline and was escalated to ${level?.name[locale] ?? 'the next level'}. Please act on it now.`;
  return composeEmail(locale, subject, [
    { kind: 'paragraph', text: intro },
    {
      kind: 'facts',
      rows: [
        [zh ? '投诉编号' : 'Reference', complaint.reference],
        [zh ? '主题' : 'Subject', complaint.subject],
        [zh ? '类别' : 'Category', labelOf(locale, 'category', complaint.category)],
        [zh ? '严重等级' : 'Severity', labelOf(locale, 'severity', complaint.severity)],
        [zh ? '优先级' : 'Priority', labelOf(locale, 'priority', complaint.priority)],
        [zh ? '责任部门' : 'Department', department ?? '—'],
        [zh ? '处理人' : 'Assignee', context.assigneeName ?? message.assignee],
        ...(dueAt
          ? ([[zh ? '时限' : 'Due', formatInstant(dueAt, locale, timeZone)]] as [string, string][])
          : []),
      ],
    },
    {
      kind: 'link',
      intro: zh ? '在工作台中打开案件：' : 'Open the case in the console:',
      label: complaint.reference,
      url: context.caseUrl,
    },
    {
      kind: 'small',
      text: zh
        ? '此邮件由投诉处理系统自动发送，不含客户个人联系方式。'
        : 'Sent automatically by the complaint-handling system; it holds no customer contact details.',
    },
  ]);
};
