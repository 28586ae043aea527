import type { Complaint, ComplaintEvent, ComplaintEventType, ComplaintStatus } from './complaint.ts';

export interface CustomerTimelineEntry {
  at: string;
  type: ComplaintEventType;
}

/** What the complainant may see of their complaint: no internal notes, no staff identities. */
export interface CustomerView {
  id: string;
  reference: string;
  status: ComplaintStatus;
  subject: string;
  submittedAt: string;
  acknowledgedAt: string | null;
  dueDates: { firstResponse: string | null; resolution: string | null };
  timeline: CustomerTimelineEntry[];
}

export const customerView = (complaint: Complaint, events: readonly ComplaintEvent[]): CustomerView => ({
  id: complaint.id,
  reference: complaint.reference,
  status: complaint.status,
  subject: complaint.subject,
  submittedAt: complaint.submittedAt,
  acknowledgedAt: complaint.acknowledgedAt ?? null,
  dueDates: {
    firstResponse: complaint.sla?.firstResponse.dueAt ?? null,
    resolution: complaint.sla?.resolution.dueAt ?? null,
  },
  timeline: events
    .filter((event) => event.customerVisible)
    .toSorted((a, b) => a.eventId.localeCompare(b.eventId))
    .map((event) => ({ at: event.at, type: event.type })),
});
