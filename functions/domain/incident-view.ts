import {
  allowedIncidentActions,
  INCIDENT_ACTION_TYPES,
  INCIDENT_STATUSES,
  type Incident,
} from './incident.ts';
import { canAccessDepartment, isSupervisor, type StaffPrincipal } from './staff.ts';
import type { ComplaintStatus } from './vocabulary.ts';
import { CATEGORIES, REMEDIES, STATUSES } from './vocabulary.ts';
import * as z from './zod.ts';

/**
 * An incident as staff see it. Every member of staff may read incidents (agents see what their
 * complaints are part of); only supervisors and above act. An incident may span departments: a
 * linked complaint outside the viewer's department is counted and shown by reference and status,
 * without its subject (as the case page shows other complaints).
 */
const linkedComplaintSchema = z.strictObject({
  id: z.string(),
  reference: z.string(),
  status: z.enum(STATUSES),
  subject: z.nullable(z.string()),
  submittedAt: z.string(),
  department: z.nullable(z.string()),
  accessible: z.boolean(),
});

export const incidentSummaryViewSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  origin: z.enum(['staff', 'surge']),
  products: z.array(z.string()),
  categories: z.array(z.enum(CATEGORIES)),
  owner: z.nullable(z.string()),
  linkedCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  surge: z.nullable(
    z.strictObject({
      dimension: z.enum(['product', 'category']),
      value: z.string(),
      windowCount: z.number(),
      baselineMean: z.number(),
      windowMinutes: z.number(),
      detectedAt: z.string(),
    }),
  ),
});

export const incidentViewSchema = z.extend(incidentSummaryViewSchema, {
  cause: z.string(),
  keywords: z.array(z.string()),
  createdBy: z.string(),
  version: z.number(),
  complaints: z.array(linkedComplaintSchema),
  notices: z.array(
    z.strictObject({
      id: z.string(),
      at: z.string(),
      by: z.string(),
      queued: z.number(),
      withoutEmail: z.number(),
    }),
  ),
  resolution: z.nullable(
    z.strictObject({
      summary: z.string(),
      remedy: z.enum(REMEDIES),
      amount: z.nullable(z.number()),
      by: z.string(),
      at: z.string(),
      resolved: z.array(z.string()),
      skipped: z.array(z.strictObject({ complaintId: z.string(), reason: z.string() })),
    }),
  ),
  allowedActions: z.array(z.enum(INCIDENT_ACTION_TYPES)),
});

export const incidentListViewSchema = z.strictObject({ incidents: z.array(incidentSummaryViewSchema) });

/** What one action did, with the incident after it. */
export const incidentActionResultSchema = z.strictObject({
  incident: incidentViewSchema,
  done: z.optional(z.array(z.string())),
  skipped: z.optional(z.array(z.strictObject({ complaintId: z.string(), reason: z.string() }))),
  queued: z.optional(z.number()),
  withoutEmail: z.optional(z.number()),
});

export const incidentSuggestionsViewSchema = z.strictObject({
  suggestions: z.array(incidentSummaryViewSchema),
});

export type IncidentView = z.output<typeof incidentViewSchema>;
export type IncidentSummaryView = z.output<typeof incidentSummaryViewSchema>;
export type IncidentActionResult = z.output<typeof incidentActionResultSchema>;

export interface LinkedComplaintSummary {
  id: string;
  reference: string;
  status: ComplaintStatus;
  subject: string;
  submittedAt: string;
  department?: string | undefined;
}

export const incidentSummaryView = (incident: Incident): IncidentSummaryView => ({
  id: incident.id,
  title: incident.title,
  status: incident.status,
  origin: incident.origin,
  products: incident.products,
  categories: incident.categories,
  owner: incident.owner ?? null,
  linkedCount: incident.complaintIds.length,
  createdAt: incident.createdAt,
  updatedAt: incident.updatedAt,
  surge: incident.surge ?? null,
});

export const incidentView = (
  incident: Incident,
  linked: readonly LinkedComplaintSummary[],
  principal: StaffPrincipal,
): IncidentView => {
  const order = new Map(incident.complaintIds.map((id, index) => [id, index]));
  return {
    ...incidentSummaryView(incident),
    cause: incident.cause,
    keywords: incident.keywords,
    createdBy: incident.createdBy,
    version: incident.version,
    complaints: linked
      .toSorted((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
      .map((complaint) => {
        const accessible = canAccessDepartment(principal, complaint.department);
        return {
          id: complaint.id,
          reference: complaint.reference,
          status: complaint.status,
          subject: accessible ? complaint.subject : null,
          submittedAt: complaint.submittedAt,
          department: complaint.department ?? null,
          accessible,
        };
      }),
    notices: incident.notices,
    resolution: incident.resolution
      ? {
          summary: incident.resolution.summary,
          remedy: incident.resolution.remedy,
          amount: incident.resolution.amount ?? null,
          by: incident.resolution.by,
          at: incident.resolution.at,
          resolved: incident.resolution.resolved,
          skipped: incident.resolution.skipped,
        }
      : null,
    allowedActions: isSupervisor(principal) ? allowedIncidentActions(incident) : [],
  };
};
