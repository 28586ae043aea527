import { describe, expect, it } from 'vitest';
import {
  approverRoleFor,
  mayApprove,
  requiredApprover,
  resolutionPossible,
  resolutionRefusal,
} from '../../../functions/domain/approvals.ts';
import type { Proposal } from '../../../functions/domain/complaint.ts';
import { parsePolicy } from '../../../functions/domain/policy.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';
import { defaultPolicy, defaultPolicyDocument } from '../../support/policy.ts';

const thresholds = { amountThreshold: 5000, managerAmountThreshold: 50_000 };
const who = (...roles: StaffPrincipal['roles']): StaffPrincipal => ({ subject: 'x', roles });
const approved = (remedy: Proposal['remedy'], amount?: number): Proposal => ({
  summary: 's',
  remedy,
  amount,
  by: 'agent-1',
  at: '2026-11-23T03:00:00.000Z',
  approval: 'approved',
  approverRole: 'supervisor',
});

describe('approval thresholds in the policy', () => {
  it('default to 5000 and 50000, and the repository policy names them', () => {
    const { approvals: _approvals, ...withoutApprovals } = defaultPolicyDocument();
    expect(parsePolicy(withoutApprovals).approvals).toEqual(thresholds);
    expect(defaultPolicy().approvals).toEqual(thresholds);
  });

  it('refuses a manager threshold below the supervisor one, or a negative amount', () => {
    const document = defaultPolicyDocument();
    expect(() =>
      parsePolicy({ ...document, approvals: { amountThreshold: 10_000, managerAmountThreshold: 5000 } }),
    ).toThrow(/managerAmountThreshold must not be below amountThreshold/u);
    expect(() => parsePolicy({ ...document, approvals: { amountThreshold: -1 } })).toThrow(
      /approvals\.amountThreshold/u,
    );
  });
});

describe('who must approve an offer', () => {
  it.each([
    ['L3', undefined, undefined],
    ['L4', 5000, undefined],
    ['L4', 5000.01, 'supervisor'],
    ['L1', undefined, 'supervisor'],
    ['L2', 0, 'supervisor'],
    ['L3', 50_000, 'supervisor'],
    ['L3', 50_000.01, 'manager'],
    ['L1', 80_000, 'manager'],
  ] as const)('%s paying %s: %s', (severity, amount, role) => {
    expect(approverRoleFor(thresholds, { severity }, amount)).toBe(role);
  });

  it('lets supervisors and above approve what needs a supervisor, only managers and admins the rest', () => {
    expect(mayApprove(who('agent'), 'supervisor')).toBe(false);
    expect(mayApprove(who('supervisor'), 'supervisor')).toBe(true);
    expect(mayApprove(who('supervisor'), 'manager')).toBe(false);
    expect(mayApprove(who('manager'), 'manager')).toBe(true);
    expect(mayApprove(who('agent', 'admin'), 'manager')).toBe(true);
  });

  it('asks a manager when the recorded role or the current thresholds say so', () => {
    expect(
      requiredApprover(thresholds, { severity: 'L1' }, { amount: 100, approverRole: 'supervisor' }),
    ).toBe('supervisor');
    expect(requiredApprover(thresholds, { severity: 'L3' }, { amount: 100, approverRole: 'manager' })).toBe(
      'manager',
    );
    // Recorded under a higher threshold (or before roles were recorded): today's policy wins upwards.
    expect(
      requiredApprover(thresholds, { severity: 'L3' }, { amount: 60_000, approverRole: undefined }),
    ).toBe('manager');
  });
});

describe('a resolution keeps to the approved proposal', () => {
  it('needs no approval without payout below L2, nor for a payout up to the threshold', () => {
    expect(resolutionRefusal(thresholds, { severity: 'L3' }, { remedy: 'apology' })).toBeUndefined();
    expect(
      resolutionRefusal(thresholds, { severity: 'L4' }, { remedy: 'refund', amount: 5000 }),
    ).toBeUndefined();
  });

  it('needs an approved proposal for L1/L2 and for a payout above the threshold at any severity', () => {
    expect(resolutionRefusal(thresholds, { severity: 'L2' }, { remedy: 'apology' })).toBe(
      'an L2 complaint needs an approved proposal before the complaint is resolved',
    );
    expect(resolutionRefusal(thresholds, { severity: 'L4' }, { remedy: 'refund', amount: 5000.01 })).toBe(
      'a payout above 5000 needs an approved proposal before the complaint is resolved',
    );
    const pending = { ...approved('refund', 8000), approval: 'pending' as const };
    expect(
      resolutionRefusal(
        thresholds,
        { severity: 'L4', proposal: pending },
        { remedy: 'refund', amount: 8000 },
      ),
    ).toMatch(/needs an approved proposal/u);
  });

  it('allows the approved remedy up to the approved amount, and nothing else', () => {
    const complaint = { severity: 'L1' as const, proposal: approved('compensation', 2000) };
    expect(
      resolutionRefusal(thresholds, complaint, { remedy: 'compensation', amount: 2000 }),
    ).toBeUndefined();
    expect(
      resolutionRefusal(thresholds, complaint, { remedy: 'compensation', amount: 1500 }),
    ).toBeUndefined();
    expect(resolutionRefusal(thresholds, complaint, { remedy: 'compensation' })).toBeUndefined();
    expect(resolutionRefusal(thresholds, complaint, { remedy: 'compensation', amount: 2000.01 })).toBe(
      'the approved amount is 2000: a higher amount needs a new proposal and a new approval',
    );
    expect(resolutionRefusal(thresholds, complaint, { remedy: 'refund', amount: 100 })).toBe(
      'the approved proposal offers compensation, not refund: propose the new offer and have it approved',
    );
    const noAmount = { severity: 'L2' as const, proposal: approved('replace') };
    expect(resolutionRefusal(thresholds, noAmount, { remedy: 'replace', amount: 1 })).toMatch(
      /approved amount is 0/u,
    );
  });

  it('offers resolving only when some resolution can pass', () => {
    expect(resolutionPossible({ severity: 'L3' })).toBe(true);
    expect(resolutionPossible({ severity: 'L1' })).toBe(false);
    expect(resolutionPossible({ severity: 'L1', proposal: approved('refund', 1) })).toBe(true);
  });
});
