import { monotonicFactory } from 'ulid';
import type { Actor, ComplaintEvent, ComplaintEventType, EventDraft } from '../domain/complaint.ts';

const ulid = monotonicFactory();

/** A new audit event with a unique, time-ordered id. */
const auditEvent = (
  complaintId: string,
  type: ComplaintEventType,
  actor: Actor,
  customerVisible: boolean,
  now: Date,
  changes?: ComplaintEvent['changes'],
): ComplaintEvent => ({
  complaintId,
  eventId: ulid(now.getTime()),
  at: now.toISOString(),
  type,
  actor,
  customerVisible,
  changes,
});

/** Turns the domain's event drafts into audit events by `actor` at `now`. */
export const toEvents = (
  complaintId: string,
  drafts: readonly EventDraft[],
  actor: Actor,
  now: Date,
): ComplaintEvent[] =>
  drafts.map((draft) => ({
    ...auditEvent(complaintId, draft.type, actor, draft.customerVisible, now, draft.changes),
    details: draft.details,
  }));

/** A new unique id (for outbox messages). */
export const newId = (now: Date): string => ulid(now.getTime());
