import type { Complaint, LateReplyAlert } from '../../domain/complaint.ts';
import { labelOf } from '../../domain/labels.ts';
import type { Policy } from '../../domain/policy.ts';
import { composeEmail } from './compose.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

/**
 * Tells whoever handles a resolved or closed complaint that the customer mailed about it (within its
 * reopen window), in the staff language. The customer's words stay on the case page: the mail names
 * the case, not what they wrote (nor any contact detail), like the other staff mail.
 */
export const lateReplyAlertEmail = (
  policy: Policy,
  complaint: Complaint,
  message: LateReplyAlert,
  timeZone: string,
  context: { caseUrl: string; assigneeName: string | undefined },
): EmailContent => {
  const locale = policy.staffLocale;
  const zh = locale === 'zh-CN';
  const status = labelOf(locale, 'status', complaint.status);
  const subject = zh
    ? `【客户来信】${complaint.reference}（${status}）客户回复了邮件`
    : `[Customer wrote] ${complaint.reference} (${status}): the customer replied`;
  const rows: [string, string][] = [
    [zh ? '投诉编号' : 'Reference', complaint.reference],
    [zh ? '主题' : 'Subject', complaint.subject],
    [zh ? '状态' : 'Status', status],
    [zh ? '处理人' : 'Assignee', context.assigneeName ?? (zh ? '未分派' : 'unassigned')],
    [
      zh ? `来信时间（${timeZone}）` : `Received (${timeZone})`,
      formatInstant(message.createdAt, locale, timeZone),
    ],
  ];
  return composeEmail(locale, subject, [
    {
      kind: 'paragraph',
      text: zh
        ? '客户回复了这件已办结的投诉，来信已记入案件，投诉未重新打开。请查看；如客户仍不满意，可在期限内重新打开。'
        : 'The customer replied to this finished complaint. Their message is on the case; it was not reopened. Please read it, and reopen the case in time if they are still not satisfied.',
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
