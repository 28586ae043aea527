import * as z from './zod.ts';
import type { Attachment } from './evidence.ts';
import type { SlaState } from './sla.ts';
import type { FollowUp } from './survey.ts';
import type { TriageResult } from './triage.ts';
import type { ThirdPartySource } from './intake-request.ts';
import type { PrivacyNoticeVersion } from './privacy.ts';
import type {
  Category,
  ChangeKind,
  Channel,
  ComplaintStatus,
  ContactChannel,
  CustomerTier,
  DepartmentId,
  LifecycleStage,
  Locale,
  Priority,
  RejectionReason,
  CorrectiveActionStatus,
  Remedy,
  ResolutionOutcome,
  RootCause,
  Severity,
  Urgency,
} from './vocabulary.ts';

export interface Customer {
  name: string;
  /** Absent when staff logged a complaint of a customer who gave a phone number only: no mail to them. */
  email?: string | undefined;
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
  consent: {
    dataProcessing: true;
    /** The privacy notice consented to, when the request named it (the forms do; mail does not). */
    privacyNoticeVersion?: PrivacyNoticeVersion | undefined;
    recordedAt: string;
  };
  /** When the complaint was recorded here. */
  submittedAt: string;
  /**
   * When the customer complained: the same as `submittedAt` for the web and the API, earlier for a
   * complaint staff log later (a call, a letter). The SLA clocks run from it. Absent on complaints
   * stored before it existed (read `receivedAtOf`).
   */
  receivedAt?: string | undefined;
  /** The member of staff who logged the complaint (staff-logged channels only). */
  loggedBy?: { id: string; email?: string | undefined } | undefined;
  /** Who passed the complaint on (third-party and social-media channels). */
  source?: ThirdPartySource | undefined;
  /**
   * Recorded later than the policy's `intake.recordWithin` after receipt: when it was due. Counted as
   * a KPI (late records).
   */
  recordedLate?: { dueAt: string } | undefined;
  /** How staff confirmed receipt to a customer they logged the complaint for (the phone call itself). */
  acknowledgedVia?: ContactChannel | undefined;
  updatedAt: string;
  /** Optimistic-concurrency counter, incremented by every change. */
  version: number;
  /** Customer tier (ordinary / important); staff may change it. */
  tier: CustomerTier;
  /** Stable pseudonymous key of the customer (hash of the email), for repeat detection. */
  customerKey: string;
  /** Hash of the customer's normalised phone number (domain/contact-keys.ts), for staff search; absent
   * without a phone, and on complaints stored before it existed. */
  customerPhoneKey?: string | undefined;
  acknowledgedAt?: string | undefined;
  /** Current classification: the preliminary grade until staff set the final one. */
  category?: Category | undefined;
  department?: DepartmentId | undefined;
  severity?: Severity | undefined;
  urgency?: Urgency | undefined;
  priority?: Priority | undefined;
  /** The automatic grade at intake and why; kept unchanged when staff grade the case. */
  preliminaryGrade?: (TriageResult & { at: string }) | undefined;
  sla?: SlaState | undefined;
  /**
   * The policy version (domain/policy-versions.ts) the complaint was triaged and its clocks set under;
   * its deadlines are stored in `sla`, so a later policy version never moves them. Absent before triage
   * and on complaints triaged before policy versions existed.
   */
  policyVersion?: number | undefined;
  /** Earlier complaints of the same customer and category within the repeat window. */
  relatedComplaints?: string[] | undefined;
  /**
   * The finished complaint this one continues: the customer answered its mail after its reopen window
   * (or after it was rejected), which files a new complaint rather than reopening the old one.
   */
  relatedTo?: { id: string; reference: string } | undefined;
  emergencyAlertedAt?: string | undefined;
  /** Notifications decided but not yet sent (sent, then removed, by the step that queued them). */
  outbox?: OutboxMessage[] | undefined;
  /** Requests for help to other departments (co-handling), open and done (domain/assists.ts). */
  assists?: Assist[] | undefined;
  /** When a reputation routing rule mailed senior management (once per complaint). */
  reputationAlertedAt?: string | undefined;
  /** The member of staff handling the complaint (identity-provider subject). */
  assignee?: string | undefined;
  /**
   * The assignee's name and address as the staff directory gave them at assignment: staff mail about
   * the case names them and mails them without each workflow task reading the directory (the Cognito
   * client would push those bundles over their size limit).
   */
  assigneeContact?: { name: string; email: string } | undefined;
  /** The grade staff set after assessment; the preliminary grade stays as it was. */
  finalGrade?: FinalGrade | undefined;
  proposal?: Proposal | undefined;
  /** An agent's lowering of the grade or rejection of an L1/L2 case, waiting for a supervisor. */
  pendingChange?: PendingChange | undefined;
  resolution?: Resolution | undefined;
  /** Opened with a resolution (domain/corrective-actions.ts); tracked on its own list until done. */
  correctiveAction?: CorrectiveAction | undefined;
  rejection?: { reason: RejectionReason; note: string; at: string } | undefined;
  reopenCount?: number | undefined;
  /** When the complaint was last closed; staff may reopen it within the policy's reopen window. */
  closedAt?: string | undefined;
  /** Result notice, satisfaction survey and its answer after resolution. */
  followUp?: FollowUp | undefined;
  /** The incident (many complaints, one cause) this complaint is part of (domain/incident.ts). */
  incidentId?: string | undefined;
  /** Bulk incident notices already queued for this complaint, by notice id (each mails once). */
  incidentNotices?: string[] | undefined;
  /** The customer asked for no more survey mail about this complaint. */
  followUpOptOut?: boolean | undefined;
  /** Bumped when staff revoke the tracking token: links of older generations stop working. */
  trackingTokenGeneration?: number | undefined;
  /** When the current tracking link was last mailed on request ("find my complaint"), to bound it. */
  trackingLinkMailedAt?: string | undefined;
  /** The customer's email could not be delivered or was reported as spam (see domain/mail-events.ts). */
  contactProblem?: ContactProblem | undefined;
  /** The callback token of the workflow's current human stage, for staff actions to signal. */
  waitToken?: string | undefined;
  waitStage?: string | undefined;
  /** Set when the lifecycle workflow stopped on an error (see lifecycle-failure.ts). */
  lifecycleFailure?: LifecycleFailure | undefined;
  /** How often the reconciler started the lifecycle again: its execution is `<id>-r<attempt>`. */
  lifecycleAttempt?: number | undefined;
  /** Customer messages so far, in all and in the hour that began at `hourStart` (domain/limits.ts). */
  customerMessageCount?: { total: number; hourStart: string; inHour: number } | undefined;
  /**
   * The acknowledgement decided but not yet recorded as sent (its outbox entry): its id names the
   * delivery record that makes sending it idempotent (app/acknowledge-complaint.ts).
   */
  acknowledgementOutbox?: { id: string; createdAt: string } | undefined;
  /** Evidence files, in the order announced (domain/evidence.ts); at most the policy's count. */
  attachments?: Attachment[] | undefined;
  /** A legal hold (domain/retention.ts): while set, the complaint is neither anonymised nor erased. */
  legalHold?: LegalHold | undefined;
  /**
   * Its personal data was removed (domain/personal-data.ts); `complete` once its evidence files, mail
   * copies and audit events were cleaned too (app/anonymise-complaint.ts).
   */
  anonymised?: Anonymisation | undefined;
}

/** Set by a manager or admin, with why (a lawsuit, a regulator's inquiry). */
export interface LegalHold {
  reason: string;
  by: string;
  at: string;
}

export const ANONYMISATION_REASONS = ['retention', 'erasure-request'] as const;
export type AnonymisationReason = (typeof ANONYMISATION_REASONS)[number];

export interface Anonymisation {
  reason: AnonymisationReason;
  /** Who asked: `retention` (the scheduled job), or the member of staff / request behind an erasure. */
  requestedBy: string;
  at: string;
  complete: boolean;
  /**
   * The evidence files to delete, named when the fields were removed (their records go with them), so
   * a run that stops before deleting them still knows them; absent once complete.
   */
  files?: string[] | undefined;
}

/**
 * The complaint's workflow stopped: a step failed with an error the workflow does not retry, or kept
 * failing after every retry. Staff see it on the case; a reconciler finds the complaint by it and
 * starts the lifecycle again.
 */
export interface LifecycleFailure {
  stage: LifecycleStage;
  /** The error's name as Step Functions reported it (DependencyUnavailable, TypeError, …). */
  error: string;
  /** What the failing step said, shortened to MAX_CAUSE_LENGTH characters. */
  cause: string;
  at: string;
}

/** Why the customer cannot be reached by email: staff should phone them instead. */
export interface ContactProblem {
  /** A permanent bounce, or the recipient reported our mail as spam. */
  kind: 'bounce' | 'spam-complaint';
  /** The kind of mail that failed (acknowledgement, result-notice…), as tagged when it was sent. */
  mailKind: string;
  /** The SES message id of that mail. */
  messageId: string;
  /** When the bounce or complaint happened (as SES reports it). */
  at: string;
  /** SES bounce type and subtype (Permanent / General…), or the complaint's feedback type. */
  type?: string | undefined;
  subType?: string | undefined;
}

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
  /** Who must approve it when approval is needed (domain/approvals.ts); absent when not required. */
  approverRole?: ApproverRole | undefined;
  decidedBy?: string | undefined;
  decidedAt?: string | undefined;
  decisionNote?: string | undefined;
}

/** The least role that may approve a proposal: a supervisor (or above), or a manager (or admin). */
export type ApproverRole = 'supervisor' | 'manager';

/**
 * A change an agent may not make alone (domain/change-requests.ts), kept with the values asked for
 * until a supervisor approves it (applied as their own action) or declines it.
 */
export type PendingChange = (
  | {
      kind: Extract<ChangeKind, 'regrade'>;
      category: Category;
      severity: Severity;
      urgency: Urgency;
      reason: string;
    }
  | { kind: Extract<ChangeKind, 'reject'>; reason: RejectionReason; note: string }
) & { requestedBy: string; requestedAt: string };

export interface Resolution {
  outcome: ResolutionOutcome;
  summary: string;
  remedy: Remedy;
  amount?: number | undefined;
  /** When only partly resolved: what happens next, and by when (ISO-8601). */
  nextSteps?: string | undefined;
  nextStepsBy?: string | undefined;
  /** Why the complaint arose (the policy's root causes); absent on complaints resolved before it. */
  rootCause?: RootCause | undefined;
  by: string;
  at: string;
}

/** A resolution's corrective action (domain/corrective-actions.ts). */
export interface CorrectiveActionUpdate {
  status: CorrectiveActionStatus;
  note: string;
  by: string;
  at: string;
}

/** What is to be done so the cause does not recur, by whom and when; one per complaint. */
export interface CorrectiveAction {
  description: string;
  /** The owner's staff id (directory subject) and name as the directory gave it. */
  owner: string;
  ownerName: string;
  /** Local date (YYYY-MM-DD) it is due. */
  dueDate: string;
  status: CorrectiveActionStatus;
  /** The complaint's department when the action was opened: the list is scoped by it. */
  department: string;
  createdBy: string;
  createdAt: string;
  updates: CorrectiveActionUpdate[];
}

export const ASSIST_STATUSES = ['open', 'answered', 'cancelled'] as const;
export type AssistStatus = (typeof ASSIST_STATUSES)[number];

/** A request for help from the lead department to another one (co-handling, domain/assists.ts). */
export interface Assist {
  id: string;
  department: DepartmentId;
  question: string;
  /** A required assist blocks resolution while open. */
  required: boolean;
  status: AssistStatus;
  /** Who asked: a member of staff (subject), or `rule:<id>` for a routing rule at triage. */
  requestedBy: string;
  requestedAt: string;
  dueAt: string;
  answer?: string | undefined;
  answeredBy?: string | undefined;
  /**
   * The answerer's name from the staff directory when the answer was recorded: the lead department's
   * console knows only its own staff, and the answerer works for the assisting one.
   */
  answeredByName?: string | undefined;
  answeredAt?: string | undefined;
  cancelReason?: string | undefined;
  cancelledBy?: string | undefined;
  cancelledAt?: string | undefined;
  /** When the assisting department's supervisors were told it is overdue (once). */
  overdueAlertedAt?: string | undefined;
}

/**
 * A mail to staff: along the escalation chain, to the supervisors when a customer reopens, to an
 * assisting department's supervisors when it is asked for help (`assist-requested`) and when its
 * assist is overdue (`assist-overdue`), or to a routing
 * rule's recipients when the complaint names a reputation risk (`reputation`).
 */
export interface StaffAlert {
  id: string;
  kind:
    | 'escalation'
    | 'reminder'
    | 'emergency'
    | 'reopened'
    | 'assist-requested'
    | 'assist-overdue'
    | 'reputation';
  level: number;
  /** The assist asked for (`assist-requested`) or overdue (`assist-overdue`). */
  assistId?: string | undefined;
  /** The routing rule that matched, and its recipients and words (`reputation`). */
  rule?: { id: string; recipients: string[]; matched: string[] } | undefined;
  stage?: 'firstResponse' | 'resolution' | undefined;
  minutesLate: number;
  reminder?: number | undefined;
  createdAt: string;
}

/**
 * A mail to the member of staff handling the complaint: a case was assigned to them by someone else
 * (`assigned`), or their case moved up the escalation chain (`assignee-escalated`). Their address is
 * looked up in the staff directory when the mail is sent.
 */
export interface AssigneeAlert {
  id: string;
  /** `assignee-warning`: the stage's deadline is near (the policy's warning share of its time passed). */
  kind: 'assigned' | 'assignee-escalated' | 'assignee-warning';
  /** The assignee's directory id (identity-provider subject). */
  assignee: string;
  /** Who assigned the case, by name (`assigned`). */
  assignedBy?: string | undefined;
  /** The escalation level reached and the late stage (`assignee-escalated`); the stage warned of (`assignee-warning`). */
  level?: number | undefined;
  stage?: 'firstResponse' | 'resolution' | undefined;
  createdAt: string;
}

/**
 * The customer mailed a resolved complaint, or a closed one within its reopen window: their words are
 * on the case, and whoever handles it (the assignee, else the department's supervisors) is told, since
 * a finished case is in nobody's open queue. Recipients are read when the mail is sent.
 */
export interface LateReplyAlert {
  id: string;
  kind: 'late-reply';
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
      /** A bulk notice about the incident the complaint is part of, in the customer's language. */
      kind: 'incident-notice';
      incidentId: string;
      noticeId: string;
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
      /**
       * reopened-notice: the customer's dissatisfaction (survey or tracking page) reopened the
       * complaint; tracking-link: the customer asked for their lost link ("find my complaint").
       */
      kind: 'reopened-notice' | 'tracking-link';
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

/** The mail of the follow-up after a resolution, one round at a time. */
export type FollowUpNotice = Extract<CustomerNotice, { round: number }>;

/** Mail to send, written in the same transaction as its cause so it is never lost. */
export type OutboxMessage = StaffAlert | AssigneeAlert | LateReplyAlert | CustomerNotice;

/**
 * Whether mail can reach the complainant: a customer staff logged by phone only has no address, so
 * nothing is queued for them (staff phone them instead).
 */
export const canMailCustomer = (complaint: Pick<Complaint, 'customer'>): boolean =>
  complaint.customer.email !== undefined;

/** A customer mail added to the outbox, or the outbox unchanged when the customer has no address. */
export const queueCustomerNotice = (complaint: Complaint, notice: CustomerNotice): OutboxMessage[] =>
  canMailCustomer(complaint) ? [...(complaint.outbox ?? []), notice] : (complaint.outbox ?? []);

/** When the customer complained (older complaints: when they were recorded). */
export const receivedAtOf = (complaint: Pick<Complaint, 'receivedAt' | 'submittedAt'>): string =>
  complaint.receivedAt ?? complaint.submittedAt;

export const complaintIdSchema = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/u, 'must be a complaint id'));
