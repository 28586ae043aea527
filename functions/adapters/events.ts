import { monotonicFactory } from 'ulid';
import type { Actor, ComplaintEvent, EventDraft } from '../domain/audit-event.ts';

const ulid = monotonicFactory();

/** Turns the domain's event drafts into audit events by `actor` at `now`, each with a unique, time-ordered id. */
export const toEvents = (
  complaintId: string,
  drafts: readonly EventDraft[],
  actor: Actor,
  now: Date,
): ComplaintEvent[] =>
  drafts.map((draft) => ({
    complaintId,
    eventId: ulid(now.getTime()),
    at: now.toISOString(),
    actor,
    // The draft's type, visibility, changes and details, as the domain typed them together.
    ...draft,
  }));

/** A new unique id (for outbox messages). */
export const newId = (now: Date): string => ulid(now.getTime());
