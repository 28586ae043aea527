import type { Complaint, StaffAlert } from '../../domain/complaint.ts';
import { labelOf } from '../../domain/labels.ts';
import type { Policy } from '../../domain/policy.ts';
import { composeEmail } from './compose.ts';
import type { CaseContext } from './escalation.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

/**
 * Mail about co-handling and keyword routing, in the staff language: a department is asked for help or
 * its assist is overdue (to the assisting department's supervisors), or a complaint names a reputation risk (to the routing rule's
 * recipients, senior management by default).
 */
export const assistAlertEmail = (
  policy: Policy,
  complaint: Complaint,
  message: StaffAlert,
  timeZone: string,
  context: CaseContext,
): EmailContent => {
  const locale = policy.staffLocale;
  const zh = locale === 'zh-CN';
  const departmentName = (id: string | undefined) => policy.departments[id ?? '']?.name[locale] ?? id ?? '—';
  const assist = complaint.assists?.find((candidate) => candidate.id === message.assistId);
  const overdue = message.kind === 'assist-overdue';
  const requested = message.kind === 'assist-requested';
  const subject = requested
    ? zh
      ? `【协办请求】${complaint.reference} 请${departmentName(assist?.department)}协助：${complaint.subject}`
      : `[Assist requested] ${complaint.reference}: ${departmentName(assist?.department)} is asked to help`
    : overdue
      ? zh
        ? `【协办超时】${complaint.reference} 请${departmentName(assist?.department)}尽快答复`
        : `[Assist overdue] ${complaint.reference}: ${departmentName(assist?.department)} has not answered`
      : zh
        ? `【声誉风险】${complaint.reference}：${complaint.subject}`
        : `[Reputation risk] ${complaint.reference}: ${complaint.subject}`;
  const intro = requested
    ? zh
      ? `${departmentName(complaint.department)}请贵部门协助处理以下投诉${assist?.required ? '（必需协办：答复前案件不能办结）' : ''}，请在答复时限前在工作台中答复。`
      : `${departmentName(complaint.department)} asks your department to help on this case${assist?.required ? ' (required: the case cannot be resolved until you answer)' : ''}. Please answer in the console before it is due.`
    : overdue
      ? zh
        ? '贵部门收到的以下协办请求已超出答复时限，请督促尽快在工作台中答复。'
        : 'Your department was asked to help on this case and the answer is overdue. Please see that it is answered in the console.'
      : zh
        ? `投诉中出现声誉风险用语（${message.rule?.matched.join('、') ?? ''}），请立即关注。`
        : `The complaint uses words of reputation risk (${message.rule?.matched.join(', ') ?? ''}). Please attend to it now.`;
  const rows: [string, string][] = [
    [zh ? '投诉编号' : 'Reference', complaint.reference],
    [zh ? '主题' : 'Subject', complaint.subject],
    [zh ? '严重等级' : 'Severity', labelOf(locale, 'severity', complaint.severity)],
    [zh ? '责任部门' : 'Lead department', departmentName(complaint.department)],
    [zh ? '处理人' : 'Assignee', context.assigneeName ?? (zh ? '未分派' : 'unassigned')],
    ...(assist
      ? ([
          [zh ? '协办部门' : 'Assisting department', departmentName(assist.department)],
          [zh ? '协办问题' : 'Question', assist.question],
          [zh ? '答复时限' : 'Answer due', formatInstant(assist.dueAt, locale, timeZone)],
        ] as [string, string][])
      : []),
  ];
  return composeEmail(locale, subject, [
    { kind: 'paragraph', text: intro },
    { kind: 'facts', rows },
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
