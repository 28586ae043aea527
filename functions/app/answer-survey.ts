import type { Complaint } from '../domain/complaint.ts';
import { decideSurveyAnswer, type SurveyAnswerOutcome } from '../domain/follow-up.ts';
import type { SurveyAnswer } from '../domain/survey.ts';
import type { BusinessMetrics, ComplaintStore, PolicySource, WorkflowSignals } from './ports.ts';

export type SurveyAnswered =
  | Exclude<SurveyAnswerOutcome, { kind: 'recorded' }>
  | { kind: 'recorded'; complaint: Complaint; reopened: boolean };

/**
 * The customer's one answer to a survey round. A low rating or "not solved" reopens the complaint;
 * otherwise it closes. Either way the workflow is woken to carry on at once.
 */
export const answerSurvey = async (
  deps: { store: ComplaintStore; signals: WorkflowSignals; policy: PolicySource; metrics: BusinessMetrics },
  complaintId: string,
  round: number,
  answer: SurveyAnswer,
): Promise<SurveyAnswered> => {
  const { policy, calendar } = deps.policy.current();
  const { complaint, result } = await deps.store.mutate<SurveyAnswerOutcome>(
    complaintId,
    { kind: 'customer' },
    (current, at, newId) => {
      const outcome = decideSurveyAnswer(policy, calendar, current, round, answer, newId(), at);
      return outcome.kind === 'recorded'
        ? { decision: outcome.decision, result: outcome }
        : { result: outcome };
    },
  );
  if (result.kind !== 'recorded') return result;
  deps.metrics.count('SurveyAnswered');
  await deps.signals.signal(complaint);
  return { kind: 'recorded', complaint, reopened: result.reopened };
};
