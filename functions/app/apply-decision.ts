import type { Actor } from '../domain/audit-event.ts';
import type { Complaint } from '../domain/complaint.ts';
import type { Decision } from '../domain/lifecycle.ts';
import type { ComplaintStore, WorkflowSignals } from './ports.ts';

/** A domain decision that needs nothing back but whether it applied. */
export type DecisionFor = (complaint: Complaint, at: Date, newId: () => string) => Decision | undefined;

/** Records a domain decision on the complaint (read, decide, save; again on a concurrent change). */
export const applyDecision = async (
  deps: { store: ComplaintStore },
  complaintId: string,
  actor: Actor,
  decide: DecisionFor,
): Promise<{ complaint: Complaint; applied: boolean }> => {
  const { complaint, applied } = await deps.store.mutate(complaintId, actor, (current, at, newId) => ({
    decision: decide(current, at, newId),
    result: undefined,
  }));
  return { complaint, applied };
};

/**
 * A change that ends, pauses or resumes a human stage: record it, then wake the workflow so it acts
 * at once. If the signal is lost, the workflow still sees the change at its next check.
 */
export const applyStageDecision = async (
  deps: { store: ComplaintStore; signals: WorkflowSignals },
  complaintId: string,
  actor: Actor,
  decide: DecisionFor,
): Promise<{ complaint: Complaint; applied: boolean }> => {
  const outcome = await applyDecision(deps, complaintId, actor, decide);
  if (outcome.applied) await deps.signals.signal(outcome.complaint);
  return outcome;
};
