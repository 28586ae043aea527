import type { Complaint, ComplaintEvent, ComplaintEventType, ComplaintStatus } from './complaint.ts';

export interface CustomerTimelineEntry {
  at: string;
  type: ComplaintEventType;
  /** The words exchanged with the customer: staff's question (info.requested) or their answer. */
  message?: string;
}

/** Events whose message the customer sees: what we asked them, and what they wrote. */
const MESSAGE_EVENTS = new Set<ComplaintEventType>(['info.requested', 'customer.replied']);

/** What the complainant may see of their complaint: no internal notes, no staff identities. */
export interface CustomerView {
  id: string;
  reference: string;
  status: ComplaintStatus;
  subject: string;
  submittedAt: string;
  acknowledgedAt: string | null;
  dueDates: { firstResponse: string | null; resolution: string | null };
  /** Our answer, once resolved: what was done and, when partly resolved, what comes next. */
  resolution: Omit<NonNullable<Complaint['resolution']>, 'by'> | null;
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
  resolution: complaint.resolution ? withoutStaff(complaint.resolution) : null,
  timeline: events
    .filter((event) => event.customerVisible)
    .toSorted((a, b) => a.eventId.localeCompare(b.eventId))
    .map((event) => {
      const message = event.details?.message;
      return MESSAGE_EVENTS.has(event.type) && typeof message === 'string'
        ? { at: event.at, type: event.type, message }
        : { at: event.at, type: event.type };
    }),
});

/** The resolution without the name of the member of staff who recorded it. */
const withoutStaff = ({ by: _by, ...resolution }: NonNullable<Complaint['resolution']>) => resolution;
