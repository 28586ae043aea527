import {
  decideCustomerResponse,
  decideLateCustomerMessage,
  type CustomerResponseOutcome,
} from '../domain/customer-response.ts';
import { decideCustomerMessage } from '../domain/lifecycle.ts';
import type { Complaint } from '../domain/complaint.ts';
import type { Decision } from '../domain/lifecycle.ts';
import { type Allowance, customerMessageAllowance } from '../domain/limits.ts';
import type { Clock, ComplaintStore, PolicySource, WorkflowSignals } from './ports.ts';

type Limited = { kind: 'limited'; allowance: Exclude<Allowance, { kind: 'allowed' }> };

export type CustomerMessageOutcome =
  | { kind: 'not-found' }
  | { kind: 'closed' }
  | Limited
  | Exclude<CustomerResponseOutcome, { kind: 'reopened' }>
  | { kind: 'recorded'; complaint: Complaint }
  | { kind: 'reopened'; complaint: Complaint };

type Deps = { store: ComplaintStore; signals: WorkflowSignals; policy: PolicySource; wallClock: Clock };

/**
 * The customer writes to us (tracking page): recorded on the complaint, and a paused stage resumes.
 * With `reopen` the customer disagrees with our resolution: the domain decides whether that is still
 * allowed (within the reopen window) and, if so, the complaint reopens and the workflow wakes.
 * Either way within the policy's bound per complaint (per hour by the wall clock, and in all), counted
 * on the complaint in the same conditional write as the message, so concurrent messages cannot
 * overshoot it.
 */
export const recordCustomerMessage = async (
  deps: Deps,
  complaintId: string,
  message: string,
  /**
   * `reopen`: the customer disagrees with the resolution. `afterResolution`: a mail may still be added
   * to a resolved complaint, or a closed one within its reopen window, without reopening it.
   */
  options: { reopen?: boolean; afterResolution?: boolean } = {},
): Promise<CustomerMessageOutcome> => {
  if (!(await deps.store.get(complaintId))) return { kind: 'not-found' };
  const { policy, calendar } = deps.policy.current();
  const { complaint, result } = await deps.store.mutate<
    Limited | CustomerResponseOutcome | { kind: 'recorded' } | { kind: 'closed' }
  >(complaintId, { kind: 'customer' }, (current, at, newId) => {
    const { allowance, next } = customerMessageAllowance(
      policy.limits,
      current.customerMessageCount,
      deps.wallClock.now(),
    );
    if (allowance.kind !== 'allowed') return { decision: undefined, result: { kind: 'limited', allowance } };
    const counted = (decision: Decision | undefined): Decision | undefined =>
      decision && { ...decision, changes: { ...decision.changes, customerMessageCount: next } };
    if (options.reopen) {
      const outcome = decideCustomerResponse(policy, calendar, current, message, newId(), at);
      return {
        decision: outcome.kind === 'reopened' ? counted(outcome.decision) : undefined,
        result: outcome,
      };
    }
    const decision =
      decideCustomerMessage(calendar, current, message, at) ??
      (options.afterResolution
        ? decideLateCustomerMessage(policy, calendar, current, message, newId(), at)
        : undefined);
    return {
      decision: counted(decision),
      result: decision ? { kind: 'recorded' as const } : { kind: 'closed' as const },
    };
  });
  if (result.kind !== 'recorded' && result.kind !== 'reopened') return result;
  // A paused stage resumes; a reopened complaint's workflow (awaiting the follow-up or the end of the
  // reopen window) mails the notices; a mail kept on a resolved or closed complaint queued a late-reply
  // alert, which that same follow-up wait delivers when woken (it lasts until the window ends).
  await deps.signals.signal(complaint);
  return { kind: result.kind, complaint };
};
