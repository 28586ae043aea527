import { toFieldErrors } from '../../domain/field-errors.ts';
import { surveyAnswerSchema } from '../../domain/survey.ts';
import { answerSurvey } from '../../app/answer-survey.ts';
import { complaintStore } from '../../adapters/complaint-store.ts';
import { businessMetrics } from '../../adapters/metrics.ts';
import { policySource } from '../../adapters/policy-source.ts';
import { workflowSignals } from '../../adapters/workflow-signals.ts';
import { httpHandler } from '../http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../http/problem.ts';
import { openSurvey, surveyClosed } from './survey-access.ts';

const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * POST /v1/surveys/{token} — the customer's one answer. A low rating or "not solved" reopens the
 * complaint; otherwise it closes. Either way the workflow is woken to carry on at once.
 */
export const handler = httpHandler({ jsonBody: { maxBytes: MAX_ANSWER_BYTES } }, async (event) => {
  const parsed = surveyAnswerSchema.safeParse(event.body);
  const { complaint: found, round } = await openSurvey(event.pathParameters?.token);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));

  const result = await answerSurvey(
    { store: complaintStore, signals: workflowSignals, policy: policySource, metrics: businessMetrics },
    found.id,
    round,
    parsed.data,
  );
  if (result.kind === 'already-answered') {
    throw new HttpProblem({
      type: '/problems/survey-answered',
      title: 'Already answered',
      status: 409,
      detail: 'This survey has already been answered. Thank you!',
    });
  }
  if (result.kind === 'closed') throw surveyClosed('This survey is no longer open.');
  return jsonResponse(201, {
    reference: result.complaint.reference,
    outcome: result.reopened ? 'reopened' : 'closed',
  });
});
