import { monotonicFactory } from 'ulid';
import type { Actor, ComplaintEvent, ComplaintEventType } from '../domain/complaint.ts';

const ulid = monotonicFactory();

/** A new audit event with a unique, time-ordered id. */
export const auditEvent = (
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
