import type { Complaint } from './complaint.ts';

/**
 * Who may still follow a complaint with its tracking link. A link names a token generation: staff
 * revoking the tracking token (a leaked link) bumps the complaint's generation and every older link
 * dies. A link also expires a fixed time after the complaint ends (closed or rejected); while it is
 * open the link stays valid however old it is, since the customer may need to answer us.
 */

const MS_PER_DAY = 86_400_000;

export type TrackedComplaint = Pick<
  Complaint,
  'status' | 'closedAt' | 'rejection' | 'updatedAt' | 'trackingTokenGeneration'
>;

/** The current token generation: 0 until the first revocation. */
export const trackingTokenGeneration = (complaint: Pick<Complaint, 'trackingTokenGeneration'>): number =>
  complaint.trackingTokenGeneration ?? 0;

/** When the complaint ended (closed or rejected), or undefined while it is open or resolved. */
const endedAt = (complaint: TrackedComplaint): string | undefined => {
  // A complaint closed before closedAt was kept ended, at the latest, at its last change.
  if (complaint.status === 'closed') return complaint.closedAt ?? complaint.updatedAt;
  if (complaint.status === 'rejected') return complaint.rejection?.at ?? complaint.updatedAt;
  return undefined;
};

/** When the complaint's tracking links stop working; undefined while it has not ended. */
export const trackingTokenExpiresAt = (
  complaint: TrackedComplaint,
  validDaysAfterClosing: number,
): Date | undefined => {
  const ended = endedAt(complaint);
  return ended === undefined ? undefined : new Date(Date.parse(ended) + validDaysAfterClosing * MS_PER_DAY);
};

export type TrackingAccess = 'granted' | 'revoked' | 'expired';

/**
 * Whether a link of `generation` (its signature already checked) still opens the complaint at `now`.
 * Callers answer every refusal the same way as a wrong token, so a refusal tells nothing.
 */
export const trackingAccess = (
  complaint: TrackedComplaint,
  generation: number,
  validDaysAfterClosing: number,
  now: Date,
): TrackingAccess => {
  if (generation !== trackingTokenGeneration(complaint)) return 'revoked';
  const expiresAt = trackingTokenExpiresAt(complaint, validDaysAfterClosing);
  return expiresAt && now.getTime() >= expiresAt.getTime() ? 'expired' : 'granted';
};
