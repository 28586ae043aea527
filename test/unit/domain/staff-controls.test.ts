import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { decideTriage } from '../../../functions/domain/lifecycle.ts';
import {
  allowedActionsFor,
  decideStaffAction,
  type StaffAction,
  type StaffActionOutcome,
} from '../../../functions/domain/staff-actions.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

/** Separation of duties in the staff actions (issue 15), decided as the API decides them. */

const policy = defaultPolicy();
const calendar = defaultCalendar();
const NOW = new Date('2026-11-23T03:00:00Z');
const agent: StaffPrincipal = { subject: 'agent-1', roles: ['agent'], department: 'quality' };
const otherAgent: StaffPrincipal = { subject: 'agent-2', roles: ['agent'], department: 'quality' };
const supervisor: StaffPrincipal = { subject: 'sup-1', roles: ['supervisor'], department: 'quality' };
const manager: StaffPrincipal = { subject: 'mgr-1', roles: ['manager'] };

const triaged = (subject: string, description: string): Complaint => {
  const complaint = receivedComplaint(new Date('2026-11-23T02:00:00Z'), { subject, description, version: 3 });
  return { ...complaint, ...decideTriage(policy, calendar, complaint, [], NOW)!.changes };
};
/** An L3 complaint (packaging) and an L1 one (fire), both triaged. */
const minor = () => triaged('包装盒有压痕', '外包装盒有压痕，请处理一下。');
const major = () => triaged('电暖器起火', '电暖器突然起火，手被烫伤。');

type ActionInput = StaffAction extends infer A
  ? A extends StaffAction
    ? Omit<A, 'expectedVersion'>
    : never
  : never;

const act = (complaint: Complaint, action: ActionInput, who = agent): StaffActionOutcome =>
  decideStaffAction(
    policy,
    calendar,
    complaint,
    { ...action, expectedVersion: complaint.version },
    who,
    'MSG1',
    NOW,
  );

const applied = (outcome: StaffActionOutcome) => {
  if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
  return outcome;
};
const apply = (complaint: Complaint, action: ActionInput, who = agent): Complaint => ({
  ...complaint,
  ...applied(act(complaint, action, who)).decision.changes,
  version: complaint.version + 1,
});
const investigating = (complaint: Complaint) =>
  apply(complaint, { type: 'contact-customer', channel: 'phone', summary: '已联系客户' });

describe('rule 1: an approval binds the resolution', () => {
  it('records on the proposal whether approval is needed and by whom, with the offer in its event', () => {
    const small = applied(
      act(investigating(minor()), { type: 'propose-resolution', summary: '致歉', remedy: 'apology' }),
    );
    expect(small.decision.changes.proposal).toMatchObject({ approval: 'not-required' });
    expect(small.decision.changes.proposal).not.toHaveProperty('approverRole');
    const big = applied(
      act(investigating(minor()), {
        type: 'propose-resolution',
        summary: '赔偿',
        remedy: 'compensation',
        amount: 6000,
      }),
    );
    expect(big.decision.changes.proposal).toMatchObject({ approval: 'pending', approverRole: 'supervisor' });
    expect(big.decision.events[0]).toMatchObject({
      type: 'resolution.proposed',
      details: {
        summary: '赔偿',
        remedy: 'compensation',
        amount: 6000,
        approval: 'pending',
        approverRole: 'supervisor',
      },
    });
    const huge = applied(
      act(investigating(minor()), {
        type: 'propose-resolution',
        summary: '赔偿',
        remedy: 'compensation',
        amount: 60_000,
      }),
    );
    expect(huge.decision.changes.proposal).toMatchObject({ approval: 'pending', approverRole: 'manager' });
  });

  it('refuses an L1 resolution with another remedy or more money than approved', () => {
    let complaint = apply(investigating(major()), {
      type: 'propose-resolution',
      summary: '赔偿',
      remedy: 'compensation',
      amount: 2000,
    });
    complaint = apply(complaint, { type: 'approve-proposal', note: '同意' }, supervisor);
    const resolve = {
      type: 'resolve',
      rootCause: 'manufacturing',
      outcome: 'resolved',
      summary: '已处理',
    } as const;
    expect(act(complaint, { ...resolve, remedy: 'compensation', amount: 3000 })).toEqual({
      kind: 'precondition-failed',
      reason: 'the approved amount is 2000: a higher amount needs a new proposal and a new approval',
    });
    expect(act(complaint, { ...resolve, remedy: 'refund', amount: 2000 })).toEqual({
      kind: 'precondition-failed',
      reason:
        'the approved proposal offers compensation, not refund: propose the new offer and have it approved',
    });
    expect(act(complaint, { ...resolve, remedy: 'compensation', amount: 2000 })).toMatchObject({
      kind: 'applied',
    });
  });

  it('makes a new offer start its approval afresh', () => {
    let complaint = apply(investigating(major()), {
      type: 'propose-resolution',
      summary: '更换',
      remedy: 'replace',
    });
    complaint = apply(complaint, { type: 'approve-proposal' }, supervisor);
    complaint = apply(complaint, {
      type: 'propose-resolution',
      summary: '退款',
      remedy: 'refund',
      amount: 300,
    });
    expect(complaint).toMatchObject({
      status: 'solution-proposed',
      proposal: { approval: 'pending', remedy: 'refund' },
    });
    expect(complaint.proposal).not.toHaveProperty('decidedBy');
    expect(
      act(complaint, {
        type: 'resolve',
        rootCause: 'manufacturing',
        outcome: 'resolved',
        summary: 's',
        remedy: 'replace',
      }),
    ).toMatchObject({
      kind: 'precondition-failed',
    });
  });

  it('needs an approved proposal for a payout above the threshold at any severity', () => {
    const complaint = investigating(minor());
    expect(complaint.severity).toBe('L3');
    const resolve = {
      type: 'resolve',
      rootCause: 'manufacturing',
      outcome: 'resolved',
      summary: '已退款',
      remedy: 'refund',
    } as const;
    expect(act(complaint, { ...resolve, amount: 5000 })).toMatchObject({ kind: 'applied' });
    expect(act(complaint, { ...resolve, amount: 5001 })).toEqual({
      kind: 'precondition-failed',
      reason: 'a payout above 5000 needs an approved proposal before the complaint is resolved',
    });
    // A proposal that needed no approval does not cover a bigger payout either.
    const proposed = apply(complaint, {
      type: 'propose-resolution',
      summary: '退款',
      remedy: 'refund',
      amount: 100,
    });
    expect(act(proposed, { ...resolve, amount: 5001 })).toMatchObject({ kind: 'precondition-failed' });
    expect(act(proposed, { ...resolve, remedy: 'apology' })).toMatchObject({ kind: 'applied' });
  });

  it('lets only a manager or an admin approve a payout above the manager threshold', () => {
    const complaint = apply(investigating(minor()), {
      type: 'propose-resolution',
      summary: '赔偿',
      remedy: 'compensation',
      amount: 60_000,
    });
    expect(act(complaint, { type: 'approve-proposal' }, supervisor)).toEqual({
      kind: 'forbidden',
      reason: 'a payout of 60000 (above 50000) needs the approval of a manager or an admin',
    });
    // Declining only sends it back to investigation: any supervisor may.
    expect(act(complaint, { type: 'decline-proposal', note: '金额过高' }, supervisor)).toMatchObject({
      kind: 'applied',
    });
    const approval = applied(act(complaint, { type: 'approve-proposal', note: '特批' }, manager));
    expect(approval.decision.changes.proposal).toMatchObject({ approval: 'approved', decidedBy: 'mgr-1' });
    expect(approval.decision.events[0]).toMatchObject({
      type: 'proposal.approved',
      details: { note: '特批', proposedBy: 'agent-1' },
    });
    const approved = { ...complaint, ...approval.decision.changes, version: complaint.version + 1 };
    expect(
      act(approved, {
        type: 'resolve',
        rootCause: 'manufacturing',
        outcome: 'resolved',
        summary: '已赔偿',
        remedy: 'compensation',
        amount: 60_000,
      }),
    ).toMatchObject({ kind: 'applied' });
  });

  it('names the proposal’s author in a decline', () => {
    const complaint = apply(investigating(major()), {
      type: 'propose-resolution',
      summary: '更换',
      remedy: 'replace',
    });
    expect(
      applied(act(complaint, { type: 'decline-proposal', note: '再核实' }, supervisor)).decision.events[0],
    ).toMatchObject({
      type: 'proposal.declined',
      details: { note: '再核实', proposedBy: 'agent-1' },
    });
  });
});

describe('rule 2: an agent cannot lower a grade or reject an L1/L2 complaint alone', () => {
  const lower = {
    type: 'reclassify',
    category: 'logistics',
    severity: 'L3',
    urgency: 'general',
    reason: '经核实并非安全问题',
  } as const;

  it('stores an agent’s lowering as a request: grade unchanged, change.requested', () => {
    const complaint = major();
    const outcome = applied(act(complaint, lower));
    expect(outcome.signalWorkflow).toBe(false);
    expect(outcome.decision.changes).toEqual({
      pendingChange: {
        kind: 'regrade',
        category: 'logistics',
        severity: 'L3',
        urgency: 'general',
        reason: '经核实并非安全问题',
        requestedBy: 'agent-1',
        requestedAt: NOW.toISOString(),
      },
    });
    expect(outcome.decision.events).toMatchObject([
      {
        type: 'change.requested',
        customerVisible: false,
        details: { kind: 'regrade', severity: 'L3', urgency: 'general', category: 'logistics' },
      },
    ]);
  });

  it('refuses a second request while one is pending', () => {
    const requested = apply(major(), lower);
    expect(act(requested, { type: 'reject', reason: 'invalid', note: '信息不实' })).toEqual({
      kind: 'precondition-failed',
      reason:
        'a regrade requested by agent-1 is waiting for a supervisor: it must be approved or declined before another change is requested',
    });
    expect(act(requested, lower, otherAgent)).toMatchObject({ kind: 'precondition-failed' });
  });

  it('applies the request on approval as the supervisor’s own reclassify, naming both people', () => {
    const complaint = major();
    const requested = apply(complaint, lower);
    const direct = applied(act(complaint, lower, supervisor));
    const approval = applied(act(requested, { type: 'approve-change', note: '同意' }, supervisor));
    expect(approval.signalWorkflow).toBe(direct.signalWorkflow);
    expect(approval.decision.changes).toEqual({ ...direct.decision.changes, pendingChange: undefined });
    expect(approval.decision.events).toMatchObject([
      { ...direct.decision.events[0], changes: direct.decision.events[0]!.changes },
      {
        type: 'change.approved',
        details: {
          kind: 'regrade',
          severity: 'L3',
          requestedBy: 'agent-1',
          approvedBy: 'sup-1',
          decisionNote: '同意',
        },
      },
    ]);
    expect(apply(requested, { type: 'approve-change' }, supervisor)).toMatchObject({
      severity: 'L3',
      finalGrade: { severity: 'L3', by: 'sup-1' },
      pendingChange: undefined,
    });
  });

  it('turns an agent’s rejection of an L1 complaint into a request, applied with its notice on approval', () => {
    const complaint = major();
    const requested = apply(complaint, { type: 'reject', reason: 'malicious', note: '恶意投诉' });
    expect(requested).toMatchObject({
      status: complaint.status,
      pendingChange: { kind: 'reject', reason: 'malicious' },
    });
    const approval = applied(act(requested, { type: 'approve-change' }, supervisor));
    expect(approval.signalWorkflow).toBe(true);
    expect(approval.decision.changes).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'malicious', note: '恶意投诉' },
      outbox: [{ id: 'MSG1', kind: 'rejection-notice' }],
    });
    expect(approval.decision.events.map((event) => event.type)).toEqual([
      'complaint.rejected',
      'change.approved',
    ]);
    // A minor complaint an agent still rejects alone.
    expect(apply(minor(), { type: 'reject', reason: 'invalid', note: '信息不实' })).toMatchObject({
      status: 'rejected',
    });
  });

  it('lets a supervisor decline the request (not its author), leaving the grade as it was', () => {
    const requested = apply(major(), lower);
    expect(act(requested, { type: 'approve-change' }, { ...supervisor, subject: 'agent-1' })).toEqual({
      kind: 'forbidden',
      reason: 'a change cannot be approved by the person who asked for it',
    });
    expect(act(requested, { type: 'approve-change' })).toMatchObject({ kind: 'forbidden' });
    const declined = applied(act(requested, { type: 'decline-change', note: '仍属安全问题' }, supervisor));
    expect(declined.decision.changes).toEqual({ pendingChange: undefined });
    expect(declined.decision.events[0]).toMatchObject({
      type: 'change.declined',
      details: { kind: 'regrade', requestedBy: 'agent-1', declinedBy: 'sup-1', decisionNote: '仍属安全问题' },
    });
    expect(act(major(), { type: 'decline-change', note: 'x' }, supervisor)).toEqual({
      kind: 'precondition-failed',
      reason: 'there is no change waiting for a decision',
    });
  });

  it('lets supervisors lower at once and agents raise at once', () => {
    const lowered = apply(major(), lower, supervisor);
    expect(lowered).toMatchObject({ severity: 'L3', urgency: 'general' });
    expect(lowered.pendingChange).toBeUndefined();
    const raised = apply(minor(), { ...lower, severity: 'L1', urgency: 'urgent' });
    expect(raised).toMatchObject({ severity: 'L1', urgency: 'urgent' });
    expect(raised.pendingChange).toBeUndefined();
  });
});

describe('rule 3: the actions offered are the ones this caller may take now', () => {
  const SUPERVISOR_ONLY = [
    'approve-proposal',
    'decline-proposal',
    'reopen',
    'revoke-tracking-token',
    'approve-change',
    'decline-change',
  ];

  it('never offers an agent a supervisor’s action', () => {
    const cases = [
      major(),
      apply(major(), {
        type: 'reclassify',
        category: 'other',
        severity: 'L4',
        urgency: 'general',
        reason: 'r',
      }),
      apply(investigating(major()), { type: 'propose-resolution', summary: 's', remedy: 'replace' }),
      { ...minor(), status: 'closed' as const },
    ];
    for (const complaint of cases) {
      expect(allowedActionsFor(complaint, agent).filter((type) => SUPERVISOR_ONLY.includes(type))).toEqual(
        [],
      );
    }
  });

  it('offers approving a proposal only to an approver who did not write it', () => {
    const pending = apply(investigating(major()), {
      type: 'propose-resolution',
      summary: 's',
      remedy: 'replace',
    });
    expect(allowedActionsFor(pending, supervisor)).toEqual(
      expect.arrayContaining(['approve-proposal', 'decline-proposal']),
    );
    expect(allowedActionsFor(pending, { ...supervisor, subject: 'agent-1' })).not.toContain(
      'approve-proposal',
    );
    const big = apply(investigating(minor()), {
      type: 'propose-resolution',
      summary: 's',
      remedy: 'refund',
      amount: 90_000,
    });
    expect(allowedActionsFor(big, supervisor)).not.toContain('approve-proposal');
    expect(allowedActionsFor(big, supervisor)).toContain('decline-proposal');
    expect(allowedActionsFor(big, manager)).toContain('approve-proposal');
  });

  it('offers resolving an L1/L2 complaint only once its proposal is approved', () => {
    const complaint = investigating(major());
    expect(allowedActionsFor(complaint, agent)).not.toContain('resolve');
    const approved = apply(
      apply(complaint, { type: 'propose-resolution', summary: 's', remedy: 'replace' }),
      { type: 'approve-proposal' },
      supervisor,
    );
    expect(allowedActionsFor(approved, agent)).toContain('resolve');
    expect(allowedActionsFor(investigating(minor()), agent)).toContain('resolve');
  });

  it('offers deciding a change only while one is pending, and not to its requester', () => {
    const complaint = major();
    expect(allowedActionsFor(complaint, supervisor)).not.toContain('approve-change');
    const requested = apply(complaint, { type: 'reject', reason: 'invalid', note: '信息不实' });
    expect(allowedActionsFor(requested, supervisor)).toEqual(
      expect.arrayContaining(['approve-change', 'decline-change']),
    );
    expect(allowedActionsFor(requested, { ...supervisor, subject: 'agent-1' })).not.toContain(
      'approve-change',
    );
    // The agent's second rejection would be refused, so it is not offered.
    expect(allowedActionsFor(requested, agent)).not.toContain('reject');
    // Once the complaint moved past rejection, the request can only be declined.
    const investigatingNow = { ...requested, status: 'investigating' as const };
    expect(allowedActionsFor(investigatingNow, supervisor)).not.toContain('approve-change');
    expect(allowedActionsFor(investigatingNow, supervisor)).toContain('decline-change');
    expect(act(investigatingNow, { type: 'approve-change' }, supervisor)).toEqual({
      kind: 'precondition-failed',
      reason: 'the requested reject is no longer possible while the complaint is investigating: decline it',
    });
  });

  it('lists the same role-aware actions in a refusal', () => {
    const complaint = major();
    expect(act(complaint, { type: 'close' })).toEqual({
      kind: 'illegal-transition',
      status: 'received',
      allowed: allowedActionsFor(complaint, agent),
    });
    expect(allowedActionsFor(complaint, agent)).not.toContain('revoke-tracking-token');
  });
});

describe('a reopened complaint', () => {
  it('needs its new resolution approved again: the earlier approval bound the one that failed', () => {
    let complaint = investigating(major());
    complaint = apply(complaint, {
      type: 'propose-resolution',
      summary: '退款',
      remedy: 'refund',
      amount: 300,
    });
    complaint = apply(complaint, { type: 'approve-proposal' }, supervisor);
    complaint = apply(complaint, {
      type: 'resolve',
      rootCause: 'manufacturing',
      outcome: 'resolved',
      summary: '已退款',
      remedy: 'refund',
      amount: 300,
    });
    complaint = apply(complaint, { type: 'reopen', reason: '客户仍不满意' }, supervisor);
    expect(complaint.proposal).toBeUndefined();
    expect(
      act(complaint, {
        type: 'resolve',
        rootCause: 'manufacturing',
        outcome: 'resolved',
        summary: '再退款',
        remedy: 'refund',
        amount: 300,
      }).kind,
    ).toBe('precondition-failed');
  });
});
