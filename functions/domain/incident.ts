import type { Complaint } from './complaint.ts';
import { normaliseProduct, type SurgeDimension } from './surge.ts';
import { text } from './text.ts';
import type { Category, Locale, Remedy, ResolutionOutcome, RootCause } from './vocabulary.ts';
import { categorySchema, remedySchema, rootCauseSchema } from './vocabulary-schemas.ts';
import * as z from './zod.ts';

/**
 * An incident: many complaints with one cause (the source documents' battery defect), grouped so
 * staff handle, notify and resolve them together. A surge opens one as `suggested`; staff open
 * their own. Linked complaint ids live on the incident item (at most policy.incidents
 * .maxLinkedComplaints, ≤ 1,000: 27 KB of ids), and each linked complaint carries `incidentId`.
 */

export const INCIDENT_STATUSES = ['suggested', 'open', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_ACTION_TYPES = ['link', 'unlink', 'notify-customers', 'resolve', 'close'] as const;
export type IncidentActionType = (typeof INCIDENT_ACTION_TYPES)[number];

/** A bulk notice to the linked complainants, once per notice id. */
export interface IncidentNotice {
  id: string;
  at: string;
  by: string;
  /** Complainants the notice was queued for (by this or an earlier attempt with this notice id). */
  queued: number;
  /** Linked complainants without an email address (phone-only): staff call them. */
  withoutEmail: number;
}

export interface IncidentResolution {
  outcome: ResolutionOutcome;
  summary: string;
  remedy: Remedy;
  amount?: number | undefined;
  /** Absent on incidents resolved before root causes were recorded. */
  rootCause?: RootCause | undefined;
  by: string;
  at: string;
  resolved: string[];
  skipped: { complaintId: string; reason: string }[];
}

/** The senior-management alert of a surge, kept on the incident it opened until it is sent. */
export interface SurgeAlert {
  id: string;
  kind: 'surge-alert';
  createdAt: string;
}

export interface Incident {
  id: string;
  title: string;
  cause: string;
  /** Normalised product names (surge.ts normaliseProduct). */
  products: string[];
  categories: Category[];
  /** Words a resembling complaint shares (subject or description), besides its product or category. */
  keywords: string[];
  owner?: string | undefined;
  status: IncidentStatus;
  origin: 'staff' | 'surge';
  /** What the surge detector saw when it opened the incident. */
  surge?:
    | {
        dimension: SurgeDimension;
        value: string;
        windowCount: number;
        baselineMean: number;
        windowMinutes: number;
        detectedAt: string;
      }
    | undefined;
  complaintIds: string[];
  notices: IncidentNotice[];
  resolution?: IncidentResolution | undefined;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Optimistic-concurrency counter, incremented by every change. */
  version: number;
  /** Mail decided but not yet sent, by id (removed once sent). */
  outbox?: Record<string, SurgeAlert> | undefined;
}

export const incidentIdSchema = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/u, 'must be an incident id'));

const complaintIds = z
  .array(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/u, 'must be a complaint id')))
  .check(z.minLength(1), z.maxLength(100));

export const createIncidentSchema = z
  .strictObject({
    title: text({ max: 200 }),
    cause: text({ max: 2000, multiline: true }),
    products: z._default(z.array(text({ max: 100 })).check(z.maxLength(20)), []),
    categories: z._default(z.array(categorySchema).check(z.maxLength(7)), []),
    keywords: z._default(z.array(text({ max: 50 })).check(z.maxLength(20)), []),
    owner: z.optional(text({ max: 128 })),
  })
  .check(
    z.refine((body) => body.products.length + body.categories.length > 0, {
      message: 'name at least one product or category',
      path: ['products'],
    }),
  );
export type CreateIncident = z.output<typeof createIncidentSchema>;

const money = z.number().check(z.nonnegative(), z.lte(100_000_000), z.multipleOf(0.01));

export const incidentActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('link'), complaintIds }),
  z.strictObject({ type: z.literal('unlink'), complaintIds }),
  z.strictObject({
    type: z.literal('notify-customers'),
    /** Chosen by the client: a retried request with the same id mails nobody twice. */
    noticeId: z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/u, 'must be 8-64 letters, digits or dashes')),
    /** The message in each customer language; each complainant gets theirs. */
    message: z.strictObject({
      'zh-CN': text({ max: 5000, multiline: true }),
      en: text({ max: 5000, multiline: true }),
    }),
  }),
  z.strictObject({
    type: z.literal('resolve'),
    summary: text({ max: 5000, multiline: true }),
    remedy: remedySchema,
    /** The incident's one cause, recorded on each complaint it resolves. */
    rootCause: rootCauseSchema,
    amount: z.optional(money),
    /** Resolve the linked complaints with this remedy too (each through the staff resolve rules). */
    resolveComplaints: z._default(z.boolean(), true),
  }),
  z.strictObject({ type: z.literal('close') }),
]);
export type IncidentAction = z.output<typeof incidentActionSchema>;

/** Where each action may be taken. */
const ALLOWED_FROM: Record<IncidentActionType, readonly IncidentStatus[]> = {
  link: ['suggested', 'open'],
  unlink: ['suggested', 'open', 'resolved'],
  'notify-customers': ['open', 'resolved'],
  resolve: ['open'],
  close: ['suggested', 'open', 'resolved'],
};

export const allowedIncidentActions = (incident: Pick<Incident, 'status'>): IncidentActionType[] =>
  INCIDENT_ACTION_TYPES.filter((type) => ALLOWED_FROM[type].includes(incident.status));

export const incidentActionAllowed = (
  incident: Pick<Incident, 'status'>,
  type: IncidentActionType,
): boolean => ALLOWED_FROM[type].includes(incident.status);

/** A new incident as staff describe it. */
export const newIncident = (id: string, body: CreateIncident, by: string, now: Date): Incident => ({
  id,
  title: body.title,
  cause: body.cause,
  products: [...new Set(body.products.map(normaliseProduct))].filter(Boolean),
  categories: [...new Set(body.categories)],
  keywords: [...new Set(body.keywords.map((keyword) => keyword.toLowerCase()))],
  owner: body.owner,
  status: 'open',
  origin: 'staff',
  complaintIds: [],
  notices: [],
  createdAt: now.toISOString(),
  createdBy: by,
  updatedAt: now.toISOString(),
  version: 1,
});

/**
 * The incident a surge opens as a suggestion, with the alert to senior management in its outbox; its
 * title and cause in the staff's language (policy.staffLocale). `categoryLabel`: the category's name
 * in that language, for a surge of a category.
 */
export const surgeIncident = (
  id: string,
  alertId: string,
  surge: NonNullable<Incident['surge']>,
  category: Category | undefined,
  locale: Locale,
  categoryLabel: string = category ?? surge.value,
): Incident => {
  const subject = surge.dimension === 'product' ? surge.value : categoryLabel;
  const mean = surge.baselineMean.toFixed(2);
  return {
    id,
    title: locale === 'zh-CN' ? `投诉激增：${subject}` : `Surge: ${subject}`,
    cause:
      locale === 'zh-CN'
        ? `${surge.windowMinutes} 分钟内 ${surge.windowCount} 起投诉（此前同时段均值 ${mean}）`
        : `${surge.windowCount} complaints within ${surge.windowMinutes} minutes (trailing mean ${mean})`,
    products: surge.dimension === 'product' ? [surge.value] : [],
    categories: category ? [category] : [],
    keywords: [],
    status: 'suggested',
    origin: 'surge',
    surge,
    complaintIds: [],
    notices: [],
    createdAt: surge.detectedAt,
    createdBy: 'system',
    updatedAt: surge.detectedAt,
    version: 1,
    outbox: { [alertId]: { id: alertId, kind: 'surge-alert', createdAt: surge.detectedAt } },
  };
};

/** Why a complaint may not be linked to this incident, or undefined when it may. */
export const linkRefusal = (
  incident: Pick<Incident, 'id' | 'complaintIds'>,
  complaint: Pick<Complaint, 'id' | 'incidentId'>,
  maxLinked: number,
): string | undefined => {
  if (complaint.incidentId && complaint.incidentId !== incident.id)
    return `already linked to incident ${complaint.incidentId}`;
  if (incident.complaintIds.includes(complaint.id)) return undefined;
  if (incident.complaintIds.length >= maxLinked) return `an incident links at most ${maxLinked} complaints`;
  return undefined;
};

const words = (value: string): string => value.normalize('NFKC').toLowerCase();

/**
 * Whether a complaint looks like part of an incident: the incident is still being handled, the
 * complaint is not linked elsewhere and was submitted at most `windowDays` before the incident
 * opened (or after), and it names one of the incident's products, or is of one of its categories
 * and shares a keyword with it (a substring match, which works for Chinese without a tokenizer).
 */
export const resemblesIncident = (
  incident: Pick<Incident, 'id' | 'status' | 'products' | 'categories' | 'keywords' | 'createdAt'>,
  complaint: Pick<
    Complaint,
    'product' | 'category' | 'preliminaryGrade' | 'subject' | 'description' | 'submittedAt' | 'incidentId'
  >,
  windowDays: number,
): boolean => {
  if (incident.status !== 'open' && incident.status !== 'suggested') return false;
  if (complaint.incidentId) return false;
  const earliest = Date.parse(incident.createdAt) - windowDays * 24 * 60 * 60 * 1000;
  if (Date.parse(complaint.submittedAt) < earliest) return false;
  const product = complaint.product ? normaliseProduct(complaint.product) : undefined;
  if (product && incident.products.includes(product)) return true;
  const category = complaint.category ?? complaint.preliminaryGrade?.category;
  if (!category || !incident.categories.includes(category)) return false;
  const haystack = words(`${complaint.subject}\n${complaint.description}`);
  return incident.keywords.some((keyword) => haystack.includes(words(keyword)));
};

/** The customer's message of a bulk notice, in their language. */
export const noticeTextFor = (
  message: { 'zh-CN': string; en: string },
  complaint: Pick<Complaint, 'customer'>,
): string => message[complaint.customer.locale];

/** Complaints counted per incident for the KPI report: a summary of linked totals. */
export const complaintsPerIncident = (incidents: readonly Pick<Incident, 'complaintIds'>[]) => {
  const counts = incidents.map((incident) => incident.complaintIds.length);
  const linked = counts.reduce((sum, count) => sum + count, 0);
  return {
    incidents: incidents.length,
    linkedComplaints: linked,
    meanPerIncident: incidents.length > 0 ? linked / incidents.length : null,
    maxPerIncident: counts.length > 0 ? Math.max(...counts) : null,
  };
};
