import { decideCustomerMessage } from '../domain/lifecycle.ts';
import type { Complaint } from '../domain/complaint.ts';
import { applyStageDecision } from './apply-decision.ts';
import type { ComplaintStore, PolicySource, WorkflowSignals } from './ports.ts';

export type CustomerMessageOutcome =
  { kind: 'not-found' } | { kind: 'closed' } | { kind: 'recorded'; complaint: Complaint };

/** The customer writes to us (tracking page): recorded on the complaint, and a paused stage resumes. */
export const recordCustomerMessage = async (
  deps: { store: ComplaintStore; signals: WorkflowSignals; policy: PolicySource },
  complaintId: string,
  message: string,
): Promise<CustomerMessageOutcome> => {
  if (!(await deps.store.get(complaintId))) return { kind: 'not-found' };
  const { calendar } = deps.policy.current();
  const { complaint, applied } = await applyStageDecision(
    deps,
    complaintId,
    { kind: 'customer' },
    (current, at) => decideCustomerMessage(calendar, current, message, at),
  );
  return applied ? { kind: 'recorded', complaint } : { kind: 'closed' };
};
