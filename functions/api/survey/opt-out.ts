import { decideOptOut } from '../../domain/follow-up.ts';
import { applyDecision } from '../../app/apply-decision.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse } from '../http/problem.ts';
import { openSurvey } from './survey-access.ts';

/**
 * POST /v1/surveys/{token}/opt-out — no more survey or reminder mail about this complaint (the result
 * notice is legally required and still sent). Works after the survey expired too; repeating it is
 * harmless.
 */
export const handler = httpHandler(async (event) => {
  const { complaint } = await openSurvey(event.pathParameters?.token, { allowExpired: true });
  await applyDecision({ store: complaintStore }, complaint.id, { kind: 'customer' }, (current, at) =>
    decideOptOut(current, at),
  );
  return jsonResponse(200, { reference: complaint.reference, optedOut: true });
});
