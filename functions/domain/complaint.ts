import * as z from './zod.ts';
import type { CustomerTier, Priority, Severity, Urgency } from './policy.ts';
import type { SlaState } from './sla.ts';
import type { LifecycleFailure } from './lifecycle-failure.ts';
import type { FollowUp } from './survey.ts';
import type { TriageResult } from './triage.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Intake channels named by the source documents; all of them feed one complaint store. */
export const CHANNELS = [
  'web',
  'api',
  'hotline',
  'email',
  'on-site',
  'social-media',
  'third-party',
  'letter',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Complaint categories by nature (DOMAIN.md, Classification). */
export const CATEGORIES = [
  'product-quality',
  'service-attitude',
  'logistics',
  'price-dispute',
  'contract-dispute',
  'response-speed',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const STATUSES = [
  'received',
  'accepted',
  'rejected',
  'assigned',
  'investigating',
  'awaiting-customer',
  'solution-proposed',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof STATUSES)[number];

export interface Customer {
  name: string;
  email: string;
  phone?: string | undefined;
  locale: Locale;
}

/** The complaint as stored; ISO-8601 UTC timestamps throughout. */
export interface Complaint {
  id: string;
  reference: string;
  status: ComplaintStatus;
  channel: Channel;
  customer: Customer;
  subject: string;
  description: string;
  categoryHint?: Category | undefined;
  product?: string | undefined;
  orderRef?: string | undefined;
  incidentAt?: string | undefined;
  desiredOutcome?: string | undefined;
  consent: { dataProcessing: true; recordedAt: string };
  submittedAt: string;
  updatedAt: string;
  /** Optimistic-concurrency counter, incremented by every change. */
  version: number;
  /** Customer tier (ordinary / important); staff may change it. */
  tier: CustomerTier;
  /** Stable pseudonymous key of the customer (hash of the email), for repeat detection. */
  customerKey: string;
  acknowledgedAt?: string | undefined;
  /** Current classification: the preliminary grade until staff set the final one. */
  category?: Category | undefined;
  department?: string | undefined;
  severity?: Severity | undefined;
  urgency?: Urgency | undefined;
  priority?: Priority | undefined;
  /** The automatic grade at intake and why; kept unchanged when staff grade the case. */
  preliminaryGrade?: (TriageResult & { at: string }) | undefined;
  sla?: SlaState | undefined;
  /** Earlier complaints of the same customer and category within the repeat window. */
  relatedComplaints?: string[] | undefined;
  emergencyAlertedAt?: string | undefined;
  /** Notifications decided but not yet sent (sent, then removed, by the step that queued them). */
  outbox?: OutboxMessage[] | undefined;
  /** The member of staff handling the complaint (identity-provider subject). */
  assignee?: string | undefined;
  /** The grade staff set after assessment; the preliminary grade stays as it was. */
  finalGrade?: FinalGrade | undefined;
  proposal?: Proposal | undefined;
  resolution?: Resolution | undefined;
  rejection?: { reason: RejectionReason; note: string; at: string } | undefined;
  reopenCount?: number | undefined;
  /** When the complaint was last closed; staff may reopen it within the policy's reopen window. */
  closedAt?: string | undefined;
  /** Result notice, satisfaction survey and its answer after resolution. */
  followUp?: FollowUp | undefined;
  /** The customer asked for no more survey mail about this complaint. */
  followUpOptOut?: boolean | undefined;
  /** The callback token of the workflow's current human stage, for staff actions to signal. */
  waitToken?: string | undefined;
  waitStage?: string | undefined;
  /** Set when the lifecycle workflow stopped on an error (see lifecycle-failure.ts). */
  lifecycleFailure?: LifecycleFailure | undefined;
}

export const REMEDIES = ['repair', 'replace', 'refund', 'compensation', 'apology'] as const;
export type Remedy = (typeof REMEDIES)[number];
export const REJECTION_REASONS = ['invalid', 'malicious', 'not-our-responsibility'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface FinalGrade {
  category: Category;
  severity: Severity;
  urgency: Urgency;
  priority: Priority;
  reason: string;
  by: string;
  at: string;
}

export interface Proposal {
  summary: string;
  remedy: Remedy;
  /** Amount of money involved (refund, compensation), in the currency's main unit. */
  amount?: number | undefined;
  by: string;
  at: string;
  approval: 'pending' | 'approved' | 'declined' | 'not-required';
  decidedBy?: string | undefined;
  decidedAt?: string | undefined;
  decisionNote?: string | undefined;
}

export interface Resolution {
  outcome: 'resolved' | 'partly-resolved';
  summary: string;
  remedy: Remedy;
  amount?: number | undefined;
  /** When only partly resolved: what happens next, and by when (ISO-8601). */
  nextSteps?: string | undefined;
  nextStepsBy?: string | undefined;
  by: string;
  at: string;
}

/** A mail to staff: along the escalation chain, or to the supervisors when a customer reopens. */
export interface StaffAlert {
  id: string;
  kind: 'escalation' | 'reminder' | 'emergency' | 'reopened';
  level: number;
  stage?: 'firstResponse' | 'resolution' | undefined;
  minutesLate: number;
  reminder?: number | undefined;
  createdAt: string;
}

/** A mail to the complainant, queued with the change that causes it. */
export type CustomerNotice =
  | {
      id: string;
      kind: 'info-request';
      /** What staff asked, as they wrote it. */
      text: string;
      createdAt: string;
    }
  | {
      id: string;
      /** The complaint will not be handled, and why (the reason recorded on the complaint). */
      kind: 'rejection-notice';
      createdAt: string;
    }
  | {
      id: string;
      /** result-notice: the outcome (legally required); survey / survey-reminder: the rating request. */
      kind: 'result-notice' | 'survey' | 'survey-reminder';
      /** The follow-up round (0, then +1 per reopen) the mail belongs to. */
      round: number;
      createdAt: string;
    };

/** Mail to send, written in the same transaction as its cause so it is never lost. */
export type OutboxMessage = StaffAlert | CustomerNotice;

export const ACTOR_KINDS = ['customer', 'system', 'staff'] as const;

export interface Actor {
  kind: (typeof ACTOR_KINDS)[number];
  id?: string | undefined;
  role?: string | undefined;
}

export const EVENT_TYPES = [
  'complaint.received',
  'complaint.triaged',
  'complaint.repeat-detected',
  'complaint.acknowledged',
  'emergency.alerted',
  'sla.escalated',
  'sla.reminded',
  'sla.paused',
  'sla.resumed',
  'customer.contacted',
  'complaint.resolved',
  'notification.sent',
  'complaint.assigned',
  'complaint.accepted',
  'complaint.rejected',
  'complaint.reclassified',
  'note.added',
  'info.requested',
  'customer.replied',
  'resolution.proposed',
  'proposal.approved',
  'proposal.declined',
  'complaint.reopened',
  'complaint.closed',
  // Follow-up (details say what was sent, rated or why it closed).
  'resolution.notified',
  'survey.sent',
  'survey.reminded',
  'survey.answered',
  'survey.expired',
  'followup.opted-out',
  'notification.failed',
  'lifecycle.failed',
] as const;
export type ComplaintEventType = (typeof EVENT_TYPES)[number];

/** One immutable entry of a complaint's audit trail. */
export interface ComplaintEvent {
  complaintId: string;
  /** Unique, time-ordered id of the event. */
  eventId: string;
  at: string;
  type: ComplaintEventType;
  actor: Actor;
  /** Whether the customer sees this entry on the tracking page. */
  customerVisible: boolean;
  /** Before/after of the fields the event changed. */
  changes?: Record<string, { before: unknown; after: unknown }> | undefined;
  /** Facts about the event that are not field changes (rule fired, escalation level, recipients…). */
  details?: Record<string, unknown> | undefined;
}

/** An event as the domain decides it; the adapter gives it an id, a time and an actor. */
export type EventDraft = Pick<ComplaintEvent, 'type' | 'customerVisible' | 'changes' | 'details'>;

export const complaintIdSchema = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/u, 'must be a complaint id'));
