import { dataRequestFormSchema } from '../../domain/data-subject-request.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { askForDataRequest } from '../../app/ask-for-data-request.ts';
import { logger } from '../../adapters/logger.ts';
import { httpHandler } from '../http/middleware.ts';
import { requireProofOfWork } from '../http/proof-of-work.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { askDeps } from './deps.ts';

const ACCEPTED = { status: 'accepted' } as const;

/**
 * POST /v1/data-requests — `{ email, kind, locale }`: a copy or the erasure of the personal data filed
 * with that address. Always the same 202, whether the address has complaints or not (then a
 * confirmation link is mailed to it), so the route tells nobody whose address is on file. Only a
 * malformed body or a missing or spent proof of work (403) is refused, as on POST /v1/complaints/lookup.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: 4 * 1024 } }, async (event) => {
  const parsed = dataRequestFormSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  // Each request may mail an address: a script pays for each one.
  await requireProofOfWork(event.headers);
  try {
    await askForDataRequest(askDeps, { ...parsed.data, channel: 'email-link' });
  } catch (error) {
    // A mail that could not be sent: the person asks again; the answer must not differ.
    logger.warn('Data request confirmation not sent', { error });
  }
  return jsonResponse(202, ACCEPTED);
});
