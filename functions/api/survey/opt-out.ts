import { decideOptOut } from '../../domain/follow-up.ts';
import { applyDecision } from '../../adapters/apply-decision.ts';
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
  await applyDecision(complaint.id, { kind: 'customer' }, (current, at) => decideOptOut(current, at));
  return jsonResponse(200, { reference: complaint.reference, optedOut: true });
});
