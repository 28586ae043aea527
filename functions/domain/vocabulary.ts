/**
 * The words every part of the domain shares: statuses, categories, grades, channels, stages,
 * remedies. They live here, apart from the modules that use them (complaint, policy, SLA, triage,
 * audit events), so those modules can import each other in one direction only; a unit test keeps the
 * import graph of functions/domain/ free of cycles. No imports: the web pages use these lists too,
 * and their zod enums are in vocabulary-schemas.ts (importing zod here put 9.6 kB of zod, which it
 * never runs, on the console's first load).
 */

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
/** Channels a complainant uses themselves (POST /v1/complaints); the others are logged by staff. */
export const PUBLIC_CHANNELS = ['web', 'api'] as const satisfies readonly Channel[];
/** Channels staff log a complaint from (POST /v1/staff/complaints): the customer reached someone. */
export const STAFF_CHANNELS = [
  'hotline',
  'on-site',
  'letter',
  'social-media',
  'third-party',
  'email',
] as const satisfies readonly Channel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];
/** Who passed a third-party complaint on: a platform (Taobao, JD, Weibo) or an organisation (consumer association). */
export const THIRD_PARTY_KINDS = ['platform', 'organisation'] as const;
export type ThirdPartyKind = (typeof THIRD_PARTY_KINDS)[number];

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

/** L1 major quality/safety problem (emergency path) … L4 minor (DOMAIN.md, Classification). */
export const SEVERITIES = ['L1', 'L2', 'L3', 'L4'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const URGENCIES = ['urgent', 'important', 'general'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const CUSTOMER_TIERS = ['ordinary', 'important'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Changes an agent may only ask for (a lower grade, rejecting an L1/L2 case): a supervisor decides. */
export const CHANGE_KINDS = ['regrade', 'reject'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The two SLA clocks of a complaint. */
export const SLA_STAGES = ['firstResponse', 'resolution'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

export const REMEDIES = ['repair', 'replace', 'refund', 'compensation', 'apology'] as const;
export type Remedy = (typeof REMEDIES)[number];

/** Where a reply template (domain/reply-templates.ts) is offered: the staff action forms that write to the customer. */
export const TEMPLATE_PURPOSES = ['request-info', 'contact', 'proposal', 'resolution'] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];
/** A retired template is kept (its versions too) but no longer offered. */
export const TEMPLATE_STATUSES = ['active', 'retired'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/**
 * Why a complaint arose, recorded when it is resolved (the root-cause breakdown of the KPI report).
 * The policy's `rootCauses` chooses which of these staff may pick; each has its labels.
 */
export const ROOT_CAUSES = [
  'design',
  'manufacturing',
  'supplier',
  'logistics',
  'staff-conduct',
  'process',
  'customer-misuse',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];
/** Where a corrective action stands: open → in-progress → done. */
export const CORRECTIVE_ACTION_STATUSES = ['open', 'in-progress', 'done'] as const;
export type CorrectiveActionStatus = (typeof CORRECTIVE_ACTION_STATUSES)[number];
export const REJECTION_REASONS = ['invalid', 'malicious', 'not-our-responsibility'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];
export const RESOLUTION_OUTCOMES = ['resolved', 'partly-resolved'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];
/** How staff reached the customer (the `contact-customer` action). */
export const CONTACT_CHANNELS = ['phone', 'email', 'sms', 'on-site', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * A department's id: a key of the policy's `departments` (e.g. `quality`). Departments are data an
 * administrator changes, so the type is a string checked against the policy, not an enumeration.
 */
export type DepartmentId = string;

/** The stages of the lifecycle workflow a failure is recorded against. */
export const LIFECYCLE_STAGES = [
  'triage',
  'emergency',
  'acknowledgement',
  'firstResponse',
  'resolution',
  'followUp',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
