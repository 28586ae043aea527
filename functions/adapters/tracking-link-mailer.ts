import type { Mailer } from '../app/ports.ts';
import { trackingTokenGeneration } from '../domain/tracking-access.ts';
import { trackingLinkEmail } from './email/tracking-link.ts';
import { sendEmail } from './email/mailer.ts';
import { trackingLink } from './tracking-link.ts';

/**
 * The mailer of "find my complaint" (POST /v1/tracking-links), which sends the tracking-link mail and
 * nothing else: with only its own template, the public function's bundle stays within its size
 * ceiling as the staff mail templates of the full outbox mailer (outbox-mailer.ts) grow.
 */
export const trackingLinkMailer: Mailer = {
  render: async (_policy, _calendar, complaint, message) => {
    if (message.kind !== 'tracking-link')
      throw new Error(`The tracking-link mailer cannot send ${message.kind}`);
    const link = await trackingLink(complaint.id, trackingTokenGeneration(complaint));
    // A complaint logged by phone has no address; the lookup never matches one, and none is mailed.
    const recipients = complaint.customer.email ? [complaint.customer.email] : [];
    return { recipients, content: trackingLinkEmail(complaint, link) };
  },
  send: sendEmail,
};
