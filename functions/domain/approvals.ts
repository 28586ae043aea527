import type { ApproverRole, Complaint, Proposal } from './complaint.ts';
import type { ApprovalThresholds } from './policy.ts';
import type { StaffPrincipal, StaffRole } from './staff.ts';
import type { Remedy } from './vocabulary.ts';

/**
 * Four eyes on what a complaint costs and how major ones end (issue 15): an L1/L2 resolution, or a
 * payout above the policy's threshold, needs a proposal approved by someone other than its author,
 * and the resolution must keep to it. Big payouts need a manager.
 */

/** The roles that may approve, by the least role a proposal needs. */
const APPROVERS: Record<ApproverRole, readonly StaffRole[]> = {
  supervisor: ['supervisor', 'manager', 'admin'],
  manager: ['manager', 'admin'],
};

/** L1 and L2 complaints end only as a supervisor approved (DOMAIN.md: superior approves major cases). */
export const severityNeedsApproval = (complaint: Pick<Complaint, 'severity'>): boolean =>
  complaint.severity === 'L1' || complaint.severity === 'L2';

/** Who must approve an offer paying `amount` on this complaint; undefined when nobody needs to. */
export const approverRoleFor = (
  thresholds: ApprovalThresholds,
  complaint: Pick<Complaint, 'severity'>,
  amount: number | undefined,
): ApproverRole | undefined => {
  const payout = amount ?? 0;
  if (payout > thresholds.managerAmountThreshold) return 'manager';
  if (payout > thresholds.amountThreshold || severityNeedsApproval(complaint)) return 'supervisor';
  return undefined;
};

export const mayApprove = (principal: StaffPrincipal, role: ApproverRole): boolean =>
  principal.roles.some((held) => APPROVERS[role].includes(held));

/**
 * The role a pending proposal's approval needs: the one recorded when it was proposed, or a higher
 * one when the policy's thresholds were lowered since (a proposal stored before roles were recorded
 * needed a supervisor).
 */
export const requiredApprover = (
  thresholds: ApprovalThresholds,
  complaint: Pick<Complaint, 'severity'>,
  proposal: Pick<Proposal, 'amount' | 'approverRole'>,
): ApproverRole =>
  proposal.approverRole === 'manager' || approverRoleFor(thresholds, complaint, proposal.amount) === 'manager'
    ? 'manager'
    : 'supervisor';

/**
 * Why this resolution may not be recorded, or undefined when it may: where approval is needed, only
 * the approved offer (same remedy, at most the approved amount) may be carried out; anything else is
 * a new offer, which needs a new proposal and a new approval.
 */
export const resolutionRefusal = (
  thresholds: ApprovalThresholds,
  complaint: Pick<Complaint, 'severity' | 'proposal'>,
  offer: { remedy: Remedy; amount?: number | undefined },
): string | undefined => {
  if (!approverRoleFor(thresholds, complaint, offer.amount)) return undefined;
  const { proposal } = complaint;
  if (proposal?.approval !== 'approved') {
    const why = severityNeedsApproval(complaint)
      ? `an ${complaint.severity} complaint`
      : `a payout above ${thresholds.amountThreshold}`;
    return `${why} needs an approved proposal before the complaint is resolved`;
  }
  if (offer.remedy !== proposal.remedy) {
    return `the approved proposal offers ${proposal.remedy}, not ${offer.remedy}: propose the new offer and have it approved`;
  }
  const approved = proposal.amount ?? 0;
  if ((offer.amount ?? 0) > approved) {
    return `the approved amount is ${approved}: a higher amount needs a new proposal and a new approval`;
  }
  return undefined;
};

/** Whether some resolution can be recorded now (one paying nothing, or the approved offer). */
export const resolutionPossible = (complaint: Pick<Complaint, 'severity' | 'proposal'>): boolean =>
  !severityNeedsApproval(complaint) || complaint.proposal?.approval === 'approved';
