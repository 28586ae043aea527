import type { BusinessCalendar } from './calendar.ts';
import type { Complaint } from './complaint.ts';
import { decideReopen, reopenableUntil } from './follow-up.ts';
import type { Decision } from './lifecycle.ts';
import type { Policy } from './policy.ts';

/**
 * "Not satisfied? Tell us" on the tracking page, the link of the result notice: after a resolution
 * the customer may answer, which records their words and reopens the complaint, for as long as staff
 * could reopen it (the policy's reopen window after closing). Afterwards they file a new complaint.
 */

/** Whether, and until when, the customer may still answer our resolution (null: it is not resolved). */
export type ResponseWindow = { open: true; until: string | null } | { open: false; until: string | null };

export const responseWindow = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Pick<Complaint, 'status' | 'closedAt'>,
  now: Date,
): ResponseWindow | null => {
  // Resolved, not yet closed: the follow-up runs and the window has not started.
  if (complaint.status === 'resolved') return { open: true, until: null };
  if (complaint.status !== 'closed') return null;
  const until = reopenableUntil(policy, calendar, complaint);
  return until && now < until
    ? { open: true, until: until.toISOString() }
    : { open: false, until: until?.toISOString() ?? null };
};

export type CustomerResponseOutcome =
  | { kind: 'reopened'; decision: Decision }
  /** Not resolved yet: there is nothing to disagree with (an ordinary message is what fits). */
  | { kind: 'not-resolved' }
  /** Closed and its reopen window over, or rejected: a new complaint is the way. */
  | { kind: 'window-over' };

/** The customer disagrees with our resolution: their message is recorded and the complaint reopens. */
export const decideCustomerResponse = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  message: string,
  messageId: string,
  now: Date,
): CustomerResponseOutcome => {
  if (complaint.status === 'rejected') return { kind: 'window-over' };
  const window = responseWindow(policy, calendar, complaint, now);
  if (!window) return { kind: 'not-resolved' };
  if (!window.open) return { kind: 'window-over' };
  const reopened = decideReopen(
    policy,
    calendar,
    complaint,
    'the customer disagrees with the result',
    true,
    messageId,
    now,
  );
  // A complaint resolved without SLA or grade (never triaged) cannot run a resolution clock again.
  if (!reopened) return { kind: 'window-over' };
  return {
    kind: 'reopened',
    decision: {
      changes: reopened.changes,
      events: [
        { type: 'customer.replied', customerVisible: true, details: { message, resumedClock: false } },
        ...reopened.events,
      ],
    },
  };
};

/** At most one tracking-link mail per complaint per this long, however often someone asks. */
export const TRACKING_LINK_INTERVAL_MS = 10 * 60 * 1000;

/** Whether `email` is the address on file: case and surrounding spaces do not matter. */
export const isCustomerEmail = (complaint: Pick<Complaint, 'customer'>, email: string): boolean =>
  complaint.customer.email !== undefined &&
  complaint.customer.email.trim().toLowerCase() === email.trim().toLowerCase();

/**
 * The customer lost their link and proved the reference and email: the current link is queued for
 * mailing, unless one was queued less than TRACKING_LINK_INTERVAL_MS ago (then nothing changes).
 */
export const decideTrackingLinkMail = (
  complaint: Complaint,
  messageId: string,
  now: Date,
): Decision | undefined => {
  const last = complaint.trackingLinkMailedAt ? Date.parse(complaint.trackingLinkMailedAt) : undefined;
  if (last !== undefined && now.getTime() - last < TRACKING_LINK_INTERVAL_MS) return undefined;
  return {
    changes: {
      trackingLinkMailedAt: now.toISOString(),
      outbox: [
        ...(complaint.outbox ?? []),
        { id: messageId, kind: 'tracking-link', createdAt: now.toISOString() },
      ],
    },
    events: [],
  };
};

/**
 * A customer's mail to a resolved complaint, or to a closed one within its reopen window: their words
 * are kept on the complaint (the case thread shows them to staff), without reopening it: a reply to a
 * result notice is as often thanks as disagreement, and disagreeing is the tracking page's explicit
 * "Not satisfied? Tell us". A finished case sits in nobody's open queue, so whoever handles it is
 * mailed (`late-reply`, once per mail; see lateReplyRecipients), and decides whether to reopen.
 * Afterwards (or rejected) there is nothing to add to: undefined, and the mail becomes a new complaint
 * that links this one.
 */
export const decideLateCustomerMessage = (
  policy: Policy,
  calendar: BusinessCalendar,
  complaint: Complaint,
  message: string,
  messageId: string,
  now: Date,
): Decision | undefined => {
  const window = responseWindow(policy, calendar, complaint, now);
  if (!window?.open) return undefined;
  return {
    changes: {
      outbox: [
        ...(complaint.outbox ?? []),
        { id: messageId, kind: 'late-reply', createdAt: now.toISOString() },
      ],
    },
    events: [{ type: 'customer.replied', customerVisible: true, details: { message, resumedClock: false } }],
  };
};

/**
 * Who hears of a late reply: the assignee (by the address the directory gave at assignment), else the
 * supervisors of the complaint's department (customer service for a complaint never routed).
 */
export const lateReplyRecipients = (
  policy: Policy,
  complaint: Pick<Complaint, 'assigneeContact' | 'department'>,
): string[] => {
  if (complaint.assigneeContact) return [complaint.assigneeContact.email];
  const department = policy.departments[complaint.department ?? ''] ?? policy.departments['customer-service'];
  return department?.supervisors ?? [];
};
