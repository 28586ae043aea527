import type { Actor } from '../domain/audit-event.ts';
import type { Complaint } from '../domain/complaint.ts';
import type { Decision } from '../domain/lifecycle.ts';
import { applyDecision } from './apply-decision.ts';
import { signalWorkflow } from './workflow-signals.ts';

/**
 * A change that ends, pauses or resumes a human stage: record it, then wake the workflow so it acts
 * at once. If the signal is lost, the workflow still sees the change at its next check.
 */
export const applyStageAction = async (
  complaintId: string,
  actor: Actor,
  decide: (complaint: Complaint, at: Date) => Decision | undefined,
): Promise<{ complaint: Complaint; applied: boolean }> => {
  const outcome = await applyDecision(complaintId, actor, decide);
  if (outcome.applied) await signalWorkflow(outcome.complaint);
  return outcome;
};
