import { decideTrackingLinkMail, isCustomerEmail } from '../domain/customer-response.ts';
import { trackingAccess, trackingTokenGeneration } from '../domain/tracking-access.ts';
import type { OutboxDeps } from './deliver-outbox.ts';
import { deliverOutbox } from './deliver-outbox.ts';
import type { ReferenceIndex } from './ports.ts';

/**
 * A complaint id no complaint has: read when the reference is unknown, so that a miss costs the same
 * reads as a hit and the answer's timing tells less about which references exist.
 */
const NO_COMPLAINT = '00000000000000000000000000';

export type TrackingLinkRequest = 'mailed' | 'not-matched' | 'recently-mailed';

/**
 * "Find my complaint": when the reference and the email match the complaint, its current tracking
 * link is mailed to the address on file (never to the address typed in). The mail is queued in the
 * complaint's outbox in the same write that records the bound (at most one per interval; the write is
 * conditional on the version read, so of concurrent requests one queues), then sent at once and
 * removed with an audit entry. Queued first, it cannot be lost: a failed send stays in the outbox for
 * the next request or the workflow's next delivery to send. Every concurrent request, and the
 * workflow woken by the change, may find the entry queued: its delivery claim lets one of them send
 * (deliverOutbox). The caller answers the same whatever this returns.
 */
export const sendTrackingLink = async (
  deps: OutboxDeps & { references: ReferenceIndex; wallClock: () => Date },
  reference: string,
  email: string,
): Promise<TrackingLinkRequest> => {
  const id = await deps.references.complaintIdOf(reference);
  const complaint = await deps.store.get(id ?? NO_COMPLAINT);
  if (!complaint || complaint.reference !== reference || !isCustomerEmail(complaint, email)) {
    return 'not-matched';
  }
  const { validDaysAfterClosing } = deps.policy.current().policy.trackingTokens;
  const { applied } = await deps.store.mutate(complaint.id, { kind: 'customer' }, (current, at, newId) => {
    // A link that would no longer open the complaint (ended long ago) is not worth a mail.
    const usable =
      trackingAccess(current, trackingTokenGeneration(current), validDaysAfterClosing, at) === 'granted';
    // The bound is a rate limit, so it counts real time even where business time runs faster (local).
    const decision = usable ? decideTrackingLinkMail(current, newId(), deps.wallClock()) : undefined;
    return { decision, result: undefined };
  });
  // Also sends a link an earlier request queued but could not send (SES down then).
  await deliverOutbox(deps, complaint.id, (message) => message.kind === 'tracking-link');
  return applied ? 'mailed' : 'recently-mailed';
};
