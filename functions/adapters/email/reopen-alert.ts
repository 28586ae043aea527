import type { Complaint } from '../../domain/complaint.ts';
import { labelOf } from '../../domain/labels.ts';
import type { Policy } from '../../domain/policy.ts';
import { composeEmail } from './compose.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

const SOLVED = {
  'zh-CN': { yes: '已解决', partly: '部分解决', no: '未解决' },
  en: { yes: 'yes', partly: 'partly', no: 'no' },
} as const;

/** Tells the department's supervisors that a customer reopened a complaint after the survey. */
export const reopenAlertEmail = (
  policy: Policy,
  complaint: Complaint,
  timeZone: string,
  context: { caseUrl: string; assigneeName: string | undefined },
): EmailContent => {
  const locale = policy.staffLocale;
  const zh = locale === 'zh-CN';
  const answer = complaint.followUp?.answer;
  const dueAt = complaint.sla?.resolution.dueAt;
  const subject = zh
    ? `【重新打开】${complaint.reference} 客户对处理结果不满意`
    : `[Reopened] ${complaint.reference}: the customer is not satisfied`;
  const rows: [string, string][] = [
    [zh ? '投诉编号' : 'Reference', complaint.reference],
    [zh ? '主题' : 'Subject', complaint.subject],
    [zh ? '优先级' : 'Priority', labelOf(locale, 'priority', complaint.priority)],
    [zh ? '处理人' : 'Assignee', context.assigneeName ?? (zh ? '未分派' : 'unassigned')],
    [
      zh ? `新的解决时限（${timeZone}）` : `New resolution deadline (${timeZone})`,
      dueAt ? formatInstant(dueAt, locale, timeZone) : '—',
    ],
  ];
  if (answer) {
    rows.push([zh ? '总体评分' : 'Overall rating', `${answer.overall}/5`]);
    rows.push([zh ? '问题是否解决' : 'Solved', SOLVED[locale][answer.solved]]);
    if (answer.comment) rows.push([zh ? '客户意见' : 'Comment', answer.comment]);
  }
  return composeEmail(locale, subject, [
    {
      kind: 'paragraph',
      text: zh
        ? '客户在满意度回访中给出低分或表示问题未解决，投诉已自动重新打开并提高优先级，解决时限重新计算。'
        : 'The customer rated the handling low or said the problem is not solved. The complaint was reopened at a higher priority and its resolution clock restarted.',
    },
    { kind: 'facts', rows },
    {
      kind: 'link',
      intro: zh ? '在工作台中打开案件：' : 'Open the case in the console:',
      label: complaint.reference,
      url: context.caseUrl,
    },
  ]);
};
