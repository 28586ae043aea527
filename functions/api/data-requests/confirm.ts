import { dataRequestConfirmationSchema, dataRequestReceipt } from '../../domain/data-subject-request.ts';
import { toFieldErrors } from '../../domain/field-errors.ts';
import { confirmDataRequest } from '../../app/confirm-data-request.ts';
import { clock, wallClock } from '../../adapters/clock.ts';
import { dataRequestStore } from '../../adapters/data-request-repository.ts';
import { readConfirmToken } from '../../adapters/data-request-token.ts';
import { newId } from '../../adapters/events.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse, problems } from '../http/problem.ts';
import { linkProblem } from './link-problem.ts';

/**
 * POST /v1/data-requests/confirm — `{ token }` from the mailed link (a POST, so that a mail scanner
 * following the link confirms nothing): records the request, 201 with its id, status and deadline.
 * Confirming again answers the same request. A forged or expired link: 410 / 404 problem, nothing stored.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: 2 * 1024 } }, async (event) => {
  const parsed = dataRequestConfirmationSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const reading = await readConfirmToken(parsed.data.token, wallClock.now());
  if (reading.kind !== 'valid') throw linkProblem(reading.kind);
  const request = await confirmDataRequest(
    { requests: dataRequestStore, policy: policySource, clock, ids: { newId } },
    reading.claims,
  );
  return jsonResponse(201, dataRequestReceipt(request));
});
