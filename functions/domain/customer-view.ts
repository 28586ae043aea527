import type { ComplaintEvent, ComplaintEventType } from './audit-event.ts';
import type { Complaint } from './complaint.ts';
import type { ComplaintStatus } from './vocabulary.ts';

export interface CustomerTimelineEntry {
  at: string;
  type: ComplaintEventType;
  /** The words exchanged with the customer: staff's question (info.requested) or their answer. */
  message?: string;
}

/** The message the customer sees on an event: what we asked them, and what they wrote. */
const messageOf = (event: ComplaintEvent): string | undefined =>
  event.type === 'info.requested' || event.type === 'customer.replied' ? event.details.message : undefined;

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
      const message = messageOf(event);
      return message !== undefined
        ? { at: event.at, type: event.type, message }
        : { at: event.at, type: event.type };
    }),
});

/** The resolution without the name of the member of staff who recorded it. */
const withoutStaff = ({ by: _by, ...resolution }: NonNullable<Complaint['resolution']>) => resolution;
