import { trackingLinkRequestSchema } from '../domain/customer-message.ts';
import { toFieldErrors } from '../domain/field-errors.ts';
import { sendTrackingLink } from '../app/send-tracking-link.ts';
import { complaintStore, referenceIndex } from '../adapters/complaint-store.ts';
import { logger } from '../adapters/logger.ts';
import { mailDeliveries } from '../adapters/mail-deliveries.ts';
import { trackingLinkMailer } from '../adapters/tracking-link-mailer.ts';
import { policySource } from '../adapters/policy-source.ts';
import { sentMailLog } from '../adapters/sent-mail-log.ts';
import { httpHandler } from './http/middleware.ts';
import { requireProofOfWork } from './http/proof-of-work.ts';
import { jsonResponse, problems } from './http/problem.ts';

const ACCEPTED = { status: 'accepted' } as const;

/**
 * POST /v1/complaints/lookup — "find my complaint": `{ reference, email }`. Always the same 202,
 * whether they match a complaint or not and whether a link was just mailed, so the route tells
 * nobody which references exist or whose they are; when they match, the current tracking link goes
 * to the address on file. Only a malformed body (no reference shape, no email) or a missing or spent
 * proof of work (403) is refused.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: 4 * 1024 } }, async (event) => {
  const parsed = trackingLinkRequestSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  // Each request may mail an address: a script pays for each one, as on the complaint form.
  await requireProofOfWork(event.headers);
  try {
    await sendTrackingLink(
      {
        store: complaintStore,
        references: referenceIndex,
        mailer: trackingLinkMailer,
        policy: policySource,
        sentMail: sentMailLog,
        deliveries: mailDeliveries,
        // A rate limit in real time, not business time (which the local runtime may speed up).
        wallClock: () => new Date(),
      },
      parsed.data.reference,
      parsed.data.email,
    );
  } catch (error) {
    // A mail that could not be sent stays queued on the complaint, and one another request or the
    // workflow is sending right now is theirs to finish; the answer must not differ.
    logger.warn('Tracking link not sent', { error });
  }
  return jsonResponse(202, ACCEPTED);
});
