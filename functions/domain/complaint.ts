import { z } from 'zod';

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
  /** Set when the lifecycle workflow first picked the complaint up. */
  receiptRecordedAt?: string | undefined;
  acknowledgedAt?: string | undefined;
  dueDates: { firstResponse?: string | undefined; resolution?: string | undefined };
}

export const ACTOR_KINDS = ['customer', 'system', 'staff'] as const;

export interface Actor {
  kind: (typeof ACTOR_KINDS)[number];
  id?: string | undefined;
  role?: string | undefined;
}

export const EVENT_TYPES = ['complaint.received', 'workflow.started', 'complaint.acknowledged'] as const;
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
}

export const complaintIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/u, 'must be a complaint id');
