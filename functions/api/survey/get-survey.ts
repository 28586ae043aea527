import { surveyQuestions } from '../../domain/survey.ts';
import { httpHandler } from '../http/middleware.ts';
import { jsonResponse } from '../http/problem.ts';
import { openSurvey } from './survey-access.ts';

/** GET /v1/surveys/{token} — what the survey page needs; nothing personal. */
export const handler = httpHandler(async (event) => {
  const { complaint, round, expiresAt } = await openSurvey(event.pathParameters?.token);
  const followUp = complaint.followUp?.round === round ? complaint.followUp : undefined;
  const status = followUp?.answeredAt ? 'answered' : followUp && !followUp.noResponseAt ? 'open' : 'expired';
  return jsonResponse(200, {
    reference: complaint.reference,
    locale: complaint.customer.locale,
    status,
    expiresAt: expiresAt.toISOString(),
    optedOut: complaint.followUpOptOut === true,
    questions: surveyQuestions(complaint.customer.locale),
  });
});
