import { decideCustomerMessage } from '../domain/lifecycle.ts';
import type { Complaint } from '../domain/complaint.ts';
import { type Allowance, customerMessageAllowance } from '../domain/limits.ts';
import type { Clock, ComplaintStore, PolicySource, WorkflowSignals } from './ports.ts';

export type CustomerMessageOutcome =
  | { kind: 'not-found' }
  | { kind: 'closed' }
  | { kind: 'limited'; allowance: Exclude<Allowance, { kind: 'allowed' }> }
  | { kind: 'recorded'; complaint: Complaint };

/**
 * The customer writes to us (tracking page): recorded on the complaint, and a paused stage resumes.
 * Within the policy's bound per complaint (per hour by the wall clock, and in all), counted on the
 * complaint in the same conditional write as the message, so concurrent messages cannot overshoot it.
 */
export const recordCustomerMessage = async (
  deps: { store: ComplaintStore; signals: WorkflowSignals; policy: PolicySource; wallClock: Clock },
  complaintId: string,
  message: string,
): Promise<CustomerMessageOutcome> => {
  if (!(await deps.store.get(complaintId))) return { kind: 'not-found' };
  const { policy, calendar } = deps.policy.current();
  const { complaint, applied, result } = await deps.store.mutate(
    complaintId,
    { kind: 'customer' },
    (current, at): { decision: ReturnType<typeof decideCustomerMessage>; result: Allowance } => {
      const { allowance, next } = customerMessageAllowance(
        policy.limits,
        current.customerMessageCount,
        deps.wallClock.now(),
      );
      if (allowance.kind !== 'allowed') return { decision: undefined, result: allowance };
      const decision = decideCustomerMessage(calendar, current, message, at);
      return {
        decision: decision && { ...decision, changes: { ...decision.changes, customerMessageCount: next } },
        result: allowance,
      };
    },
  );
  if (result.kind !== 'allowed') return { kind: 'limited', allowance: result };
  if (!applied) return { kind: 'closed' };
  await deps.signals.signal(complaint);
  return { kind: 'recorded', complaint };
};
