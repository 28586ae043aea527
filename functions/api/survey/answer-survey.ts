import { toFieldErrors } from '../../domain/field-errors.ts';
import { decideSurveyAnswer, type SurveyAnswerOutcome } from '../../domain/follow-up.ts';
import { surveyAnswerSchema } from '../../domain/survey.ts';
import { now } from '../../adapters/clock.ts';
import { mutateComplaint } from '../../adapters/complaint-repository.ts';
import { newId, toEvents } from '../../adapters/events.ts';
import { currentPolicy } from '../../adapters/policy-source.ts';
import { signalWorkflow } from '../../adapters/workflow-signals.ts';
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

  const { policy, calendar } = currentPolicy();
  let at = now();
  const { complaint, result } = await mutateComplaint<SurveyAnswerOutcome>(
    found.id,
    (current) => {
      at = now();
      const outcome = decideSurveyAnswer(policy, calendar, current, round, parsed.data, newId(at), at);
      if (outcome.kind !== 'recorded') return { result: outcome };
      return {
        changes: outcome.decision.changes,
        events: toEvents(current.id, outcome.decision.events, { kind: 'customer' }, at),
        result: outcome,
      };
    },
    () => at,
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
  await signalWorkflow(complaint);
  return jsonResponse(201, {
    reference: complaint.reference,
    outcome: result.reopened ? 'reopened' : 'closed',
  });
});
