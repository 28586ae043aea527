import type { Complaint } from '../domain/complaint.ts';
import { decideTriage, type Decision } from '../domain/lifecycle.ts';
import { decideRouting } from '../domain/routing-rules.ts';
import { applyDecision } from './apply-decision.ts';
import type { ComplaintStore, CustomerHistory, PolicySource } from './ports.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The decision with the policy version it was taken under, on the complaint and its triage event. */
const withPolicyVersion = (decision: Decision, version: number): Decision => ({
  changes: { ...decision.changes, policyVersion: version },
  events: decision.events.map((event) =>
    event.type === 'complaint.triaged'
      ? { ...event, details: { ...event.details, policyVersion: version } }
      : event,
  ),
});

/**
 * First lifecycle step: preliminary grade, routing, SLA clocks (with the policy version they were set under) and repeat links (the customer's
 * complaints within the policy's repeat window), and the policy's keyword routing (a Legal assist for
 * legal-risk words, an alert to senior management for reputation words). Safe to retry: a triaged complaint is left as it is.
 */
export const triageComplaint = async (
  deps: { store: ComplaintStore; history: CustomerHistory; policy: PolicySource },
  complaintId: string,
): Promise<{ complaint: Complaint; applied: boolean }> => {
  const { policy, calendar, version } = deps.policy.current();
  const complaint = await deps.store.get(complaintId);
  if (!complaint) throw new Error(`Complaint ${complaintId} does not exist`);
  const submittedAt = new Date(complaint.submittedAt);
  const earlier = await deps.history.complaintsOf(
    complaint.customerKey,
    new Date(submittedAt.getTime() - policy.repeatWindowDays * DAY_MS),
    submittedAt,
  );
  return applyDecision(deps, complaintId, { kind: 'system' }, (current, at, newId) => {
    const graded = decideTriage(policy, calendar, current, earlier, at);
    if (!graded) return undefined;
    const triaged = withPolicyVersion(graded, version);
    // Keyword routing once, with the triage, on the complaint as routed (its lead department set).
    const routed = decideRouting(policy, calendar, { ...current, ...triaged.changes }, newId, at);
    return routed
      ? { changes: { ...triaged.changes, ...routed.changes }, events: [...triaged.events, ...routed.events] }
      : triaged;
  });
};
