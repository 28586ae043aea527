import type { ComplaintEvent, ComplaintEventType } from './audit-event.ts';
import type { Complaint } from './complaint.ts';
import type { ResponseWindow } from './customer-response.ts';
import { customerAttachments, type CustomerAttachmentView } from './evidence.ts';
import type { ComplaintStatus, RejectionReason } from './vocabulary.ts';

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
  /** Why we do not take it up (the page words it neutrally); staff's note stays internal. */
  rejectionReason: RejectionReason | null;
  /** Set while the complaint is being handled again after the customer (or staff) reopened it. */
  reopenedAt: string | null;
  /** After a resolution: whether the customer may still disagree and reopen it, and until when. */
  response: ResponseWindow | null;
  timeline: CustomerTimelineEntry[];
  /** The complainant's own evidence files, once uploaded and checked. */
  attachments: CustomerAttachmentView[];
}

/** Deadlines that no longer apply once we answered (resolved), declined (rejected) or closed. */
const ENDED = new Set<ComplaintStatus>(['resolved', 'closed', 'rejected']);

export const customerView = (
  complaint: Complaint,
  events: readonly ComplaintEvent[],
  response: ResponseWindow | null = null,
): CustomerView => ({
  id: complaint.id,
  reference: complaint.reference,
  status: complaint.status,
  subject: complaint.subject,
  submittedAt: complaint.submittedAt,
  acknowledgedAt: complaint.acknowledgedAt ?? null,
  dueDates: dueDates(complaint),
  // A reopened complaint's earlier resolution no longer stands; the next one replaces it.
  resolution: complaint.resolution && ENDED.has(complaint.status) ? withoutStaff(complaint.resolution) : null,
  rejectionReason: complaint.status === 'rejected' ? (complaint.rejection?.reason ?? null) : null,
  reopenedAt: ENDED.has(complaint.status) ? null : lastReopenedAt(events),
  response: complaint.status === 'resolved' || complaint.status === 'closed' ? response : null,
  timeline: events
    .filter((event) => event.customerVisible)
    .toSorted((a, b) => a.eventId.localeCompare(b.eventId))
    .map((event) => {
      const message = messageOf(event);
      return message !== undefined
        ? { at: event.at, type: event.type, message }
        : { at: event.at, type: event.type };
    }),
  attachments: customerAttachments(complaint.attachments),
});

/** The resolution without the name of the member of staff who recorded it. */
const withoutStaff = ({ by: _by, ...resolution }: NonNullable<Complaint['resolution']>) => resolution;

/** The due dates still ahead of us: none once ended; the first response's only until it was made. */
const dueDates = (complaint: Complaint): CustomerView['dueDates'] => {
  const sla = complaint.sla;
  if (!sla || ENDED.has(complaint.status)) return { firstResponse: null, resolution: null };
  return {
    firstResponse: sla.firstResponse.completedAt ? null : sla.firstResponse.dueAt,
    resolution: sla.resolution.dueAt,
  };
};

const lastReopenedAt = (events: readonly ComplaintEvent[]): string | null =>
  events
    .filter((event) => event.type === 'complaint.reopened')
    .map((event) => event.at)
    .toSorted()
    .at(-1) ?? null;
