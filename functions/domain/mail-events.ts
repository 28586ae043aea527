import type { Complaint, ContactProblem } from './complaint.ts';
import type { Decision } from './lifecycle.ts';
import * as z from './zod.ts';

/**
 * What SES tells us about mail we sent: the configuration set publishes bounce, complaint, delivery
 * and reject events to EventBridge (detail-type `Email Bounced`, `Email Complaint Received`, `Email
 * Delivered`, `Email Rejected`…, the detail being SES's event record). Each message carries SES
 * message tags naming its complaint and kind (mailTags), which come back in `mail.tags`.
 *
 * A customer's mail that bounces permanently, or that they report as spam, means email does not
 * reach them: the complaint is marked (`contactProblem`) and its agent sees "contact by phone". A
 * transient bounce (SES retried and gave up for now), a delivery or a reject (our content) is only
 * counted.
 */

/** Mail to the complainant; every other kind goes to staff. */
export const CUSTOMER_MAIL_KINDS = [
  'acknowledgement',
  'info-request',
  'rejection-notice',
  'result-notice',
  'survey',
  'survey-reminder',
  'reopened-notice',
  'tracking-link',
  'incident-notice',
] as const;

export const MAIL_TAG = { complaintId: 'complaintId', mailKind: 'mailKind' } as const;

/** SES allows only ASCII letters, digits, `_` and `-` in a tag, under 256 characters. */
const tagValue = (value: string): string => value.replace(/[^A-Za-z0-9_-]/gu, '_').slice(0, 255) || '_';

/**
 * The SES message tags of a mail (SendEmail's `EmailTags`): its complaint, if it is about one, and
 * its kind (an outbox message kind, `acknowledgement`, `daily-summary`…).
 */
export const mailTags = (mail: {
  mailKind: string;
  complaintId?: string | undefined;
}): { Name: string; Value: string }[] => [
  ...(mail.complaintId ? [{ Name: MAIL_TAG.complaintId, Value: tagValue(mail.complaintId) }] : []),
  { Name: MAIL_TAG.mailKind, Value: tagValue(mail.mailKind) },
];

/** The parts of an SES event record we use; SES adds fields over time, so others are let through. */
const sesEventSchema = z.object({
  'detail-type': z.string(),
  detail: z.object({
    eventType: z.string(),
    mail: z.object({
      messageId: z.string().check(z.minLength(1)),
      timestamp: z.string(),
      tags: z._default(z.record(z.string(), z.array(z.string())), {}),
    }),
    bounce: z.optional(
      z.object({ bounceType: z.string(), bounceSubType: z.optional(z.string()), timestamp: z.string() }),
    ),
    complaint: z.optional(z.object({ timestamp: z.string(), complaintFeedbackType: z.optional(z.string()) })),
    delivery: z.optional(z.object({ timestamp: z.string() })),
    reject: z.optional(z.object({ reason: z.optional(z.string()) })),
  }),
});

export type MailOutcome =
  | { kind: 'bounce'; permanent: boolean; type: string; subType?: string | undefined; at: string }
  | { kind: 'spam-complaint'; feedbackType?: string | undefined; at: string }
  | { kind: 'delivery'; at: string }
  | { kind: 'reject'; reason?: string | undefined }
  | { kind: 'other'; eventType: string };

export interface MailEvent {
  messageId: string;
  sentAt: string;
  complaintId: string | undefined;
  mailKind: string | undefined;
  outcome: MailOutcome;
}

const outcomeOf = (detail: z.output<typeof sesEventSchema>['detail']): MailOutcome => {
  const { eventType, bounce, complaint, delivery, reject } = detail;
  if (eventType === 'Bounce' && bounce) {
    return {
      kind: 'bounce',
      permanent: bounce.bounceType === 'Permanent',
      type: bounce.bounceType,
      subType: bounce.bounceSubType,
      at: bounce.timestamp,
    };
  }
  if (eventType === 'Complaint' && complaint) {
    return { kind: 'spam-complaint', feedbackType: complaint.complaintFeedbackType, at: complaint.timestamp };
  }
  if (eventType === 'Delivery' && delivery) return { kind: 'delivery', at: delivery.timestamp };
  if (eventType === 'Reject') return { kind: 'reject', reason: reject?.reason };
  return { kind: 'other', eventType };
};

/** An EventBridge event of SES event publishing, read; undefined when it is not one. */
export const readMailEvent = (event: unknown): MailEvent | undefined => {
  const parsed = sesEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const { mail } = parsed.data.detail;
  return {
    messageId: mail.messageId,
    sentAt: mail.timestamp,
    complaintId: mail.tags[MAIL_TAG.complaintId]?.[0],
    mailKind: mail.tags[MAIL_TAG.mailKind]?.[0],
    outcome: outcomeOf(parsed.data.detail),
  };
};

/** The metric an event counts towards (CloudWatch, namespace ComplaintHandling). */
export const mailEventMetric = (event: MailEvent): string => {
  switch (event.outcome.kind) {
    case 'bounce':
      return event.outcome.permanent ? 'MailBouncedPermanent' : 'MailBouncedTransient';
    case 'spam-complaint':
      return 'MailSpamComplaint';
    case 'delivery':
      return 'MailDelivered';
    case 'reject':
      return 'MailRejected';
    case 'other':
      return 'MailOtherEvent';
  }
};

const isCustomerMail = (mailKind: string | undefined): boolean =>
  (CUSTOMER_MAIL_KINDS as readonly (string | undefined)[]).includes(mailKind);

/** The contact problem an event shows, if it shows one: a customer's mail bounced for good or reported. */
export const contactProblemOf = (event: MailEvent): ContactProblem | undefined => {
  const { outcome, mailKind } = event;
  if (!isCustomerMail(mailKind) || !mailKind) return undefined;
  if (outcome.kind === 'bounce' && outcome.permanent) {
    return {
      kind: 'bounce',
      mailKind,
      messageId: event.messageId,
      at: outcome.at,
      type: outcome.type,
      subType: outcome.subType,
    };
  }
  if (outcome.kind === 'spam-complaint') {
    return {
      kind: 'spam-complaint',
      mailKind,
      messageId: event.messageId,
      at: outcome.at,
      type: outcome.feedbackType,
    };
  }
  return undefined;
};

/**
 * Marks the complaint when the event shows its customer cannot be reached by email, with an audit
 * event for its timeline. The same event delivered again (EventBridge delivers at least once)
 * changes nothing; a later problem with another mail replaces the mark and is audited too.
 */
export const decideMailEvent = (complaint: Complaint, event: MailEvent): Decision | undefined => {
  const problem = contactProblemOf(event);
  if (!problem) return undefined;
  const current = complaint.contactProblem;
  if (current?.messageId === problem.messageId && current.kind === problem.kind) return undefined;
  return {
    changes: { contactProblem: problem },
    events: [
      {
        type: 'contact.problem',
        customerVisible: false,
        changes: { contactProblem: { before: current ?? null, after: problem } },
        // No address: the timeline says which mail failed and how, the case shows whom to phone.
        details: { ...problem, action: 'contact-by-phone' },
      },
    ],
  };
};
