import { decideCustomerResponse, type CustomerResponseOutcome } from '../domain/customer-response.ts';
import { decideCustomerMessage } from '../domain/lifecycle.ts';
import type { Complaint } from '../domain/complaint.ts';
import { applyStageDecision } from './apply-decision.ts';
import type { ComplaintStore, PolicySource, WorkflowSignals } from './ports.ts';

export type CustomerMessageOutcome =
  | { kind: 'not-found' }
  | { kind: 'closed' }
  | Exclude<CustomerResponseOutcome, { kind: 'reopened' }>
  | { kind: 'recorded'; complaint: Complaint }
  | { kind: 'reopened'; complaint: Complaint };

type Deps = { store: ComplaintStore; signals: WorkflowSignals; policy: PolicySource };

/**
 * The customer writes to us (tracking page): recorded on the complaint, and a paused stage resumes.
 * With `reopen` the customer disagrees with our resolution: the domain decides whether that is still
 * allowed (within the reopen window) and, if so, the complaint reopens and the workflow wakes.
 */
export const recordCustomerMessage = async (
  deps: Deps,
  complaintId: string,
  message: string,
  options: { reopen?: boolean } = {},
): Promise<CustomerMessageOutcome> => {
  if (!(await deps.store.get(complaintId))) return { kind: 'not-found' };
  const { policy, calendar } = deps.policy.current();
  if (options.reopen) {
    const { complaint, result } = await deps.store.mutate<CustomerResponseOutcome>(
      complaintId,
      { kind: 'customer' },
      (current, at, newId) => {
        const outcome = decideCustomerResponse(policy, calendar, current, message, newId(), at);
        return { decision: outcome.kind === 'reopened' ? outcome.decision : undefined, result: outcome };
      },
    );
    if (result.kind !== 'reopened') return result;
    // The workflow (awaiting the follow-up or the end of the reopen window) mails the notices.
    await deps.signals.signal(complaint);
    return { kind: 'reopened', complaint };
  }
  const { complaint, applied } = await applyStageDecision(
    deps,
    complaintId,
    { kind: 'customer' },
    (current, at) => decideCustomerMessage(calendar, current, message, at),
  );
  return applied ? { kind: 'recorded', complaint } : { kind: 'closed' };
};
