import type { Complaint } from '../../domain/complaint.ts';
import type { Policy } from '../../domain/policy.ts';
import { composeEmail } from './compose.ts';
import type { EmailContent } from './mailer.ts';

/** Tells the department's supervisors that a customer reopened a complaint after the survey. */
export const reopenAlertEmail = (policy: Policy, complaint: Complaint): EmailContent => {
  const zh = policy.staffLocale === 'zh-CN';
  const answer = complaint.followUp?.answer;
  const subject = zh
    ? `【重新打开】${complaint.reference} 客户对处理结果不满意`
    : `[Reopened] ${complaint.reference}: the customer is not satisfied`;
  const rows: [string, string][] = [
    [zh ? '投诉编号' : 'Reference', complaint.reference],
    [zh ? '主题' : 'Subject', complaint.subject],
    [zh ? '优先级' : 'Priority', complaint.priority ?? '-'],
    [zh ? '新的解决时限' : 'New resolution deadline', complaint.sla?.resolution.dueAt ?? '-'],
  ];
  if (answer) {
    rows.push([zh ? '总体评分' : 'Overall rating', `${answer.overall}/5`]);
    rows.push([zh ? '问题是否解决' : 'Solved', answer.solved]);
    if (answer.comment) rows.push([zh ? '客户意见' : 'Comment', answer.comment]);
  }
  return composeEmail(policy.staffLocale, subject, [
    {
      kind: 'paragraph',
      text: zh
        ? '客户在满意度回访中给出低分或表示问题未解决，投诉已自动重新打开并提高优先级，解决时限重新计算。'
        : 'The customer rated the handling low or said the problem is not solved. The complaint was reopened at a higher priority and its resolution clock restarted.',
    },
    { kind: 'facts', rows },
  ]);
};
