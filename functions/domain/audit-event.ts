import type {
  AnonymisationReason,
  ApproverRole,
  AssigneeAlert,
  ContactProblem,
  FollowUpNotice,
  LateReplyAlert,
  PendingChange,
  StaffAlert,
} from './complaint.ts';
import type { AttachmentSource } from './evidence.ts';
import type { SolvedAnswer } from './survey.ts';
import type { TriageReason } from './triage.ts';
import type {
  ContactChannel,
  LifecycleStage,
  RejectionReason,
  Remedy,
  RootCause,
  CorrectiveActionStatus,
  ResolutionOutcome,
  SlaStage,
} from './vocabulary.ts';

/**
 * A complaint's audit trail: one immutable event per decision, with the fields it changed and, per
 * event type, the facts that are not field changes (rule fired, escalation level, rating…). The
 * details are typed per type so that their writers (lifecycle, staff actions, follow-up) and their
 * readers (KPI counters, views) agree at compile time; the stored attribute names are these.
 */

export const ACTOR_KINDS = ['customer', 'system', 'staff'] as const;

export interface Actor {
  kind: (typeof ACTOR_KINDS)[number];
  id?: string | undefined;
  role?: string | undefined;
}

export const EVENT_TYPES = [
  'complaint.received',
  // A staff-logged complaint recorded later than the policy's recordWithin after receipt.
  'complaint.recorded-late',
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
  'tracking-token.revoked',
  'contact.problem',
  'lifecycle.failed',
  // Changes an agent asked for and a supervisor decided (domain/change-requests.ts).
  'change.requested',
  'change.approved',
  'change.declined',
  'lifecycle.redriven',
  // Co-handling (domain/assists.ts) and keyword routing (domain/routing-rules.ts).
  'assist.requested',
  'assist.answered',
  'assist.cancelled',
  'assist.overdue',
  'assist.overridden',
  'reputation.alerted',
  'sla.warned',
  // Incidents (domain/incident.ts): the complaint joined or left one.
  'incident.linked',
  'incident.unlinked',
  // Evidence files (domain/evidence.ts): recorded once their object is checked.
  'attachment.added',
  'attachment.quarantined',
  // A mail after a complaint's reopen window (or to a rejected one) filed a new complaint linking it.
  'complaint.linked',
  // Root causes and corrective actions (domain/corrective-actions.ts).
  'corrective-action.updated',
  // Retention (domain/retention.ts): a legal hold set or cleared; the personal data removed.
  'legal-hold.set',
  'legal-hold.cleared',
  'complaint.anonymised',
] as const;
export type ComplaintEventType = (typeof EVENT_TYPES)[number];

/** The escalation chain moved (or, past its last level, reminded) for a stage past its check time. */
export interface StageEscalationDetails {
  stage: SlaStage;
  level: number;
  minutesLate: number;
  dueAt: string;
  nextCheckAt: string;
  recipients: string[];
  /** A handler's `escalate` action (before or beyond the timer), with their reason. */
  manual?: { reason: string } | undefined;
}

/** A follow-up step of one resolution round (0, then +1 per reopen). */
export interface RoundDetails {
  round: number;
}

/**
 * What each event type records besides field changes; `undefined` where it records nothing.
 * `| undefined` marks types some writers leave without details: the workflow's own first contact
 * and resolution (lifecycle.ts) have none, a staff action's have them.
 */
export interface EventDetailsByType {
  'complaint.received': undefined;
  'complaint.recorded-late': { receivedAt: string; dueAt: string };
  /** The finished complaint the customer wrote about (Complaint.relatedTo). */
  'complaint.linked': { relatedTo: { id: string; reference: string } };
  'complaint.triaged': {
    reasons: TriageReason[];
    firstResponseDueAt: string;
    firstResponseRule: string;
    resolutionDueAt: string;
    resolutionRule: string;
    /** The policy version the complaint was graded and timed under (absent on events before versions). */
    policyVersion?: number | undefined;
  };
  'complaint.repeat-detected': { relatedComplaints: string[]; windowDays: number };
  /** `via`: staff confirmed receipt themselves (a phone call) instead of the mail. */
  'complaint.acknowledged': { via: ContactChannel } | undefined;
  'emergency.alerted': { level: number; recipients: string[] };
  'sla.escalated': StageEscalationDetails;
  'sla.reminded': StageEscalationDetails;
  'sla.paused': undefined;
  'sla.resumed': { firstResponseDueAt: string; resolutionDueAt: string };
  'customer.contacted':
    | {
        channel: ContactChannel;
        summary: string;
        /** This contact ended the first-response stage (the KPI counters time it). */
        firstContact: boolean;
        /** Set when `firstContact`: whether the stage ended within its deadline. */
        onTime?: boolean | undefined;
      }
    | undefined;
  'complaint.resolved':
    | {
        outcome: ResolutionOutcome;
        remedy: Remedy;
        /** Why the complaint arose; absent on events recorded before root causes. */
        rootCause?: RootCause | undefined;
        /** The corrective action opened with the resolution, if any. */
        correctiveAction?: { description: string; owner: string; dueDate: string } | undefined;
        /** SLA outcome of the resolution stage. */
        onTime: boolean | undefined;
        /** Set only when this resolution also ended the first-response stage. */
        firstResponseOnTime?: boolean | undefined;
      }
    | undefined;
  'notification.sent':
    | { kind: 'info-request' | 'rejection-notice' | 'reopened-notice' | 'tracking-link' }
    | { kind: 'incident-notice'; incidentId: string; noticeId: string }
    | {
        kind: StaffAlert['kind'];
        level: number;
        stage: SlaStage | undefined;
        recipients: string[];
      }
    | { kind: AssigneeAlert['kind']; assignee: string; recipients: string[] }
    | { kind: LateReplyAlert['kind']; recipients: string[] };
  'complaint.assigned': undefined;
  'complaint.accepted': undefined;
  'complaint.rejected': { reason: RejectionReason };
  'complaint.reclassified': { reason: string };
  'note.added': { text: string };
  'info.requested': { message: string };
  'customer.replied': { message: string; resumedClock: boolean };
  'resolution.proposed': {
    summary: string;
    remedy: Remedy;
    amount: number | undefined;
    approval: 'pending' | 'not-required';
    approverRole: ApproverRole | undefined;
  };
  'proposal.approved': ProposalDecisionDetails;
  'proposal.declined': ProposalDecisionDetails;
  'complaint.reopened': { reason: string; byCustomer: boolean; resolutionDueAt: string };
  'complaint.closed': { reason: 'staff' | 'satisfied' | 'no-response' };
  'resolution.notified': RoundDetails;
  'survey.sent': RoundDetails;
  'survey.reminded': RoundDetails;
  'survey.answered': RoundDetails & {
    overall: number;
    process: number;
    result: number;
    solved: SolvedAnswer;
    satisfied: boolean;
    /** The customer's own words, if any (absent on answers recorded before it was kept here). */
    comment?: string | undefined;
  };
  'survey.expired': RoundDetails;
  'followup.opted-out': RoundDetails;
  'notification.failed': RoundDetails & { kind: FollowUpNotice['kind'] };
  'tracking-token.revoked': { reason: string };
  'contact.problem': ContactProblem & { action: 'contact-by-phone' };
  'lifecycle.failed': { stage: LifecycleStage; error: string; cause: string };
  /** The kind and the values asked for (the reason or note included). */
  'change.requested': RequestedChange;
  /** `decisionNote` is the supervisor's (a requested rejection has a `note` of its own). */
  'change.approved': RequestedChange & {
    requestedBy: string;
    approvedBy: string;
    decisionNote: string | undefined;
  };
  'change.declined': RequestedChange & { requestedBy: string; declinedBy: string; decisionNote: string };
  'incident.linked': { incidentId: string };
  'incident.unlinked': { incidentId: string };
  /** The reconciler started the lifecycle again (attempt 0: it had never started). */
  'lifecycle.redriven': {
    attempt: number;
    /** The status of the execution it replaced (`none`: there was none). */
    previous: string;
    failedStage?: LifecycleStage | undefined;
    error?: string | undefined;
  };
  /** `rule` and `matched` when a routing rule asked at triage; `by` is then the rule, not a person. */
  'assist.requested': {
    assistId: string;
    department: string;
    question: string;
    required: boolean;
    dueAt: string;
    rule?: string | undefined;
    matched?: string[] | undefined;
  };
  'assist.answered': { assistId: string; department: string; answer: string };
  'assist.cancelled': { assistId: string; department: string; reason: string };
  'assist.overdue': { assistId: string; department: string; dueAt: string };
  /** A supervisor resolved while required assists were open, with their reason (the assists are cancelled). */
  'assist.overridden': { reason: string; assistIds: string[] };
  'corrective-action.updated': { status: CorrectiveActionStatus; note: string; owner: string };
  'reputation.alerted': { rule: string; matched: string[]; recipients: string[] };
  /** The assignee was warned before the stage's deadline (once per stage). */
  'sla.warned': { stage: SlaStage; dueAt: string; assignee: string | undefined };
  'attachment.added': AttachmentDetails;
  /** `detectedType`: what the file's first bytes say it is, when they say anything. */
  'attachment.quarantined': AttachmentDetails & { detectedType: string | undefined };
  'legal-hold.set': { reason: string };
  'legal-hold.cleared': { reason: string };
  /** Itself without personal data: why, and who asked (`retention`, or the erasure's requester). */
  'complaint.anonymised': { reason: AnonymisationReason; requestedBy: string };
}

/** The evidence file an event is about. */
export interface AttachmentDetails {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
  source: AttachmentSource;
}

/** A supervisor's decision on a proposal, with its author (the case page shows both). */
export interface ProposalDecisionDetails {
  note: string | undefined;
  proposedBy: string;
}

/** A pending change as its events record it (who and when are the event's own actor and time). */
export type RequestedChange = PendingChange extends infer C
  ? C extends PendingChange
    ? Omit<C, 'requestedBy' | 'requestedAt'>
    : never
  : never;

export type EventDetails<T extends ComplaintEventType> = EventDetailsByType[T];

/** Before/after of the fields an event changed. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * An event of one type as the domain decides it: details required unless the type may go without.
 * (Indexing the map with every event type makes a type without an entry a compile error.)
 */
type DraftOf<T extends ComplaintEventType> = {
  type: T;
  /** Whether the customer sees this entry on the tracking page. */
  customerVisible: boolean;
  changes?: FieldChanges | undefined;
} & (undefined extends EventDetailsByType[T]
  ? { details?: EventDetailsByType[T] }
  : { details: EventDetailsByType[T] });

/** An event as the domain decides it; the adapter gives it an id, a time and an actor. */
export type EventDraft = { [T in ComplaintEventType]: DraftOf<T> }[ComplaintEventType];

/** One immutable entry of a complaint's audit trail (narrow on `type` to read its details). */
export type ComplaintEvent = EventDraft & {
  complaintId: string;
  /** Unique, time-ordered id of the event. */
  eventId: string;
  at: string;
  actor: Actor;
};

/**
 * Administration outside any complaint (issue 20): an immutable entry per change, with who and why,
 * kept in its own partition (adapters/table.ts `adminEvent`) and never in a complaint's trail, so the
 * complaint stream consumers (KPI counters) never see it.
 */
export const ADMIN_EVENT_TYPES = ['policy.changed'] as const;
export type AdminEventType = (typeof ADMIN_EVENT_TYPES)[number];

export interface AdminEventDetailsByType {
  /** The active policy went from one version to the next (domain/policy-versions.ts). */
  'policy.changed': { fromVersion: number; toVersion: number; reason: string };
}

export type AdminEvent = {
  [T in AdminEventType]: { type: T; details: AdminEventDetailsByType[T] };
}[AdminEventType] & {
  /** Unique, time-ordered id of the event. */
  eventId: string;
  at: string;
  actor: Actor;
};
