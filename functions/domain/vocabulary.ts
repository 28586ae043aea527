import * as z from './zod.ts';

/**
 * The words every part of the domain shares: statuses, categories, grades, channels, stages,
 * remedies. They live here, apart from the modules that use them (complaint, policy, SLA, triage,
 * audit events), so those modules can import each other in one direction only; a unit test keeps the
 * import graph of functions/domain/ free of cycles.
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

/** The two SLA clocks of a complaint. */
export const SLA_STAGES = ['firstResponse', 'resolution'] as const;
export type SlaStage = (typeof SLA_STAGES)[number];

export const REMEDIES = ['repair', 'replace', 'refund', 'compensation', 'apology'] as const;
export type Remedy = (typeof REMEDIES)[number];
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

/*
 * Their zod enums, for the schemas that validate them (intake keeps its own, worded messages).
 * Marked pure so that a bundle importing only the lists (the web pages) drops them.
 */
export const channelSchema = /* @__PURE__ */ z.enum(CHANNELS);
export const categorySchema = /* @__PURE__ */ z.enum(CATEGORIES);
export const statusSchema = /* @__PURE__ */ z.enum(STATUSES);
export const severitySchema = /* @__PURE__ */ z.enum(SEVERITIES);
export const urgencySchema = /* @__PURE__ */ z.enum(URGENCIES);
export const customerTierSchema = /* @__PURE__ */ z.enum(CUSTOMER_TIERS);
export const slaStageSchema = /* @__PURE__ */ z.enum(SLA_STAGES);
export const remedySchema = /* @__PURE__ */ z.enum(REMEDIES);
export const rejectionReasonSchema = /* @__PURE__ */ z.enum(REJECTION_REASONS);
export const resolutionOutcomeSchema = /* @__PURE__ */ z.enum(RESOLUTION_OUTCOMES);
export const contactChannelSchema = /* @__PURE__ */ z.enum(CONTACT_CHANNELS);
export const localeSchema = /* @__PURE__ */ z.enum(LOCALES);
export const departmentIdSchema = /* @__PURE__ */ z.string().check(z.regex(/^[a-z0-9-]+$/u));
