import { trackedDataRequestSchema } from '../../domain/data-subject-request.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { askForDataRequest } from '../../app/ask-for-data-request.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { trackedComplaint } from '../tracking-access.ts';
import { askDeps } from './deps.ts';

/**
 * POST /v1/complaints/{id}/data-requests — `{ kind }` from the tracking page (tracking token required).
 * The token opens one complaint, the request covers every complaint of its address: a confirmation
 * link goes to the address on file, which the answer does not show.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: 1024 } }, async (event) => {
  const parsed = trackedDataRequestSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const complaint = await trackedComplaint(event);
  const email = complaint.customer.email;
  if (!email) {
    // Logged by phone: there is no address to confirm with; the page offers none of this then.
    throw problems.validation([
      { field: 'kind', message: 'this complaint has no email address to confirm with' },
    ]);
  }
  await askForDataRequest(askDeps, {
    email,
    kind: parsed.data.kind,
    locale: complaint.customer.locale,
    channel: 'tracking-page',
  });
  return jsonResponse(202, { status: 'accepted' });
});
