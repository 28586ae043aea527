import type { Mailer } from '../app/ports.ts';
import type { Complaint, OutboxMessage } from '../domain/complaint.ts';
import type { BusinessCalendar } from '../domain/calendar.ts';
import { lateReplyRecipients } from '../domain/customer-response.ts';
import { escalationRecipients } from '../domain/lifecycle.ts';
import { trackingTokenGeneration } from '../domain/tracking-access.ts';
import type { Policy } from '../domain/policy.ts';
import { assigneeAlertEmail } from './email/assignee-alert.ts';
import { assistAlertEmail } from './email/assist-alert.ts';
import { escalationEmail } from './email/escalation.ts';
import { consoleCaseLink } from './case-link.ts';
import { incidentNoticeEmail } from './email/incident-notice.ts';
import { infoRequestEmail } from './email/info-request.ts';
import { lateReplyAlertEmail } from './email/late-reply-alert.ts';
import { rejectionNoticeEmail } from './email/rejection-notice.ts';
import { reopenAlertEmail } from './email/reopen-alert.ts';
import { reopenedNoticeEmail } from './email/reopened-notice.ts';
import { trackingLinkEmail } from './email/tracking-link.ts';
import { resultNoticeEmail } from './email/result-notice.ts';
import { surveyEmail } from './email/survey.ts';
import { type EmailContent, sendEmail } from './email/mailer.ts';
import { replyAddressFor } from './reply-token.ts';
import { surveyLinks } from './survey-link.ts';
import { trackingLink } from './tracking-link.ts';

/** Who gets a queued message, and what it says. */
const renderMessage = async (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  message: OutboxMessage,
): Promise<{ recipients: string[]; content: EmailContent }> => {
  // No address (logged by phone): the domain queues no customer mail then; this sends none regardless.
  const customer = complaint.customer.email ? [complaint.customer.email] : [];
  const replyTo = await replyAddressFor(complaint.id);
  // Links carry the current token generation: after a revocation only the new link works.
  const tracking = () => trackingLink(complaint.id, trackingTokenGeneration(complaint));
  switch (message.kind) {
    case 'info-request':
      return {
        recipients: customer,
        content: infoRequestEmail(complaint, message.text, await tracking(), replyTo),
      };
    case 'rejection-notice':
      return {
        recipients: customer,
        content: rejectionNoticeEmail(complaint, await tracking()),
      };
    case 'reopened-notice':
      return {
        recipients: customer,
        content: reopenedNoticeEmail(complaint, await tracking(), calendar.timeZone),
      };
    case 'incident-notice':
      return {
        recipients: customer,
        content: incidentNoticeEmail(complaint, message.text, await tracking()),
      };
    case 'tracking-link':
      return { recipients: customer, content: trackingLinkEmail(complaint, await tracking()) };
    case 'result-notice':
      return {
        recipients: customer,
        content: resultNoticeEmail(complaint, await tracking(), calendar.timeZone),
      };
    case 'survey':
    case 'survey-reminder': {
      const expiresAt = complaint.followUp?.surveyExpiresAt;
      if (!expiresAt) throw new Error(`Complaint ${complaint.id} has a survey mail but no survey window`);
      const links = await surveyLinks(complaint.id, message.round, new Date(expiresAt));
      return {
        recipients: customer,
        content: surveyEmail(
          complaint,
          links,
          expiresAt,
          calendar.timeZone,
          message.kind === 'survey-reminder',
        ),
      };
    }
    case 'reopened':
      return {
        recipients: escalationRecipients(policy, 1, complaint.department),
        content: reopenAlertEmail(policy, complaint, calendar.timeZone, {
          caseUrl: consoleCaseLink(complaint.id),
          assigneeName: complaint.assigneeContact?.name ?? complaint.assignee,
        }),
      };
    case 'late-reply':
      return {
        recipients: lateReplyRecipients(policy, complaint),
        content: lateReplyAlertEmail(policy, complaint, message, calendar.timeZone, {
          caseUrl: consoleCaseLink(complaint.id),
          assigneeName: complaint.assigneeContact?.name ?? complaint.assignee,
        }),
      };
    case 'assist-requested':
    case 'assist-overdue':
    case 'reputation': {
      // An assist asked for or overdue goes to its department's supervisors (they pass it on in their
      // queue); a reputation alert to its rule's recipients.
      const assist = complaint.assists?.find((candidate) => candidate.id === message.assistId);
      const recipients =
        message.kind === 'reputation'
          ? (message.rule?.recipients ?? [])
          : (policy.departments[assist?.department ?? '']?.supervisors ?? []);
      return {
        recipients,
        content: assistAlertEmail(policy, complaint, message, calendar.timeZone, {
          caseUrl: consoleCaseLink(complaint.id),
          assigneeName: complaint.assigneeContact?.name ?? complaint.assignee,
        }),
      };
    }
    case 'assigned':
    case 'assignee-warning':
    case 'assignee-escalated': {
      // The assignee as the directory gave them at assignment; a mail for an earlier assignee (the
      // case was reassigned before it went out) is not sent.
      const contact = complaint.assignee === message.assignee ? complaint.assigneeContact : undefined;
      return {
        recipients: contact ? [contact.email] : [],
        content: assigneeAlertEmail(policy, complaint, message, calendar.timeZone, {
          caseUrl: consoleCaseLink(complaint.id),
          assigneeName: contact?.name,
        }),
      };
    }
    default:
      return {
        recipients: escalationRecipients(policy, message.level, complaint.department),
        content: escalationEmail(policy, complaint, message, calendar.timeZone, {
          caseUrl: consoleCaseLink(complaint.id),
          assigneeName: complaint.assigneeContact?.name ?? complaint.assignee,
        }),
      };
  }
};

/**
 * A queued message as mail. Every mail to the customer carries the complaint's reply address as
 * Reply-To (when mail is received), so whatever they answer lands on the complaint.
 */
const render: Mailer['render'] = async (policy, calendar, complaint, message) => {
  const mail = await renderMessage(policy, calendar, complaint, message);
  const customerEmail = complaint.customer.email;
  if (customerEmail === undefined || !mail.recipients.includes(customerEmail)) return mail;
  const replyTo = await replyAddressFor(complaint.id);
  return replyTo ? { ...mail, content: { ...mail.content, replyTo } } : mail;
};

/** Outbox messages rendered into mail (templates, links) and sent through SES. */
export const outboxMailer: Mailer = { render, send: sendEmail };
