import { describe, expect, it } from 'vitest';
import {
  actionOfChange,
  changeRequestOf,
  changeRequestRefusal,
  lowersGrade,
  pendingChangeOf,
  requestedChangeOf,
} from '../../../functions/domain/change-requests.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';
import { receivedComplaint } from '../../support/complaints.ts';

const agent: StaffPrincipal = { subject: 'agent-1', roles: ['agent'] };
const supervisor: StaffPrincipal = { subject: 'sup-1', roles: ['supervisor'] };
const graded = (severity: Complaint['severity'], urgency: Complaint['urgency']): Complaint => ({
  ...receivedComplaint(new Date('2026-11-23T02:00:00Z')),
  category: 'product-quality',
  severity,
  urgency,
});
const regrade = (severity: 'L1' | 'L2' | 'L3' | 'L4', urgency: 'urgent' | 'important' | 'general') =>
  ({
    type: 'reclassify',
    expectedVersion: 1,
    category: 'logistics',
    severity,
    urgency,
    reason: '核实后调整',
  }) as const;

describe('lowering a grade', () => {
  it.each([
    ['L2', 'important', 'L3', 'important', true],
    ['L2', 'important', 'L2', 'general', true],
    ['L2', 'important', 'L1', 'general', true],
    ['L2', 'important', 'L2', 'important', false],
    ['L2', 'important', 'L1', 'urgent', false],
    ['L4', 'general', 'L3', 'general', false],
  ] as const)('%s/%s → %s/%s lowers: %s', (severity, urgency, toSeverity, toUrgency, lowers) => {
    expect(lowersGrade(graded(severity, urgency), { severity: toSeverity, urgency: toUrgency })).toBe(lowers);
  });

  it('is nothing to lower before the complaint has a grade', () => {
    expect(lowersGrade(graded(undefined, undefined), { severity: 'L4', urgency: 'general' })).toBe(false);
  });
});

describe('what an agent may only ask for', () => {
  it('makes an agent’s lower grade a request, a raise or a supervisor’s change not', () => {
    const complaint = graded('L2', 'important');
    expect(changeRequestOf(complaint, regrade('L3', 'important'), agent)).toEqual({
      kind: 'regrade',
      category: 'logistics',
      severity: 'L3',
      urgency: 'important',
      reason: '核实后调整',
    });
    expect(changeRequestOf(complaint, regrade('L1', 'urgent'), agent)).toBeUndefined();
    expect(changeRequestOf(complaint, regrade('L4', 'general'), supervisor)).toBeUndefined();
    expect(
      changeRequestOf(complaint, regrade('L4', 'general'), { ...agent, roles: ['agent', 'manager'] }),
    ).toBe(undefined);
  });

  it('makes an agent’s rejection of an L1/L2 complaint a request, of an L3 not', () => {
    const reject = { type: 'reject', expectedVersion: 1, reason: 'malicious', note: '恶意投诉' } as const;
    expect(changeRequestOf(graded('L1', 'urgent'), reject, agent)).toEqual({
      kind: 'reject',
      reason: 'malicious',
      note: '恶意投诉',
    });
    expect(changeRequestOf(graded('L3', 'urgent'), reject, agent)).toBeUndefined();
    expect(changeRequestOf(graded('L1', 'urgent'), reject, supervisor)).toBeUndefined();
  });

  it('keeps one pending change at a time, and turns it back into the action asked for', () => {
    const requested = { kind: 'reject', reason: 'invalid', note: '信息不实' } as const;
    const pending = pendingChangeOf(requested, 'agent-1', '2026-11-23T03:00:00.000Z');
    expect(changeRequestRefusal({})).toBeUndefined();
    expect(changeRequestRefusal({ pendingChange: pending })).toBe(
      'a reject requested by agent-1 is waiting for a supervisor: it must be approved or declined before another change is requested',
    );
    expect(requestedChangeOf(pending)).toEqual(requested);
    expect(actionOfChange(pending, 7)).toEqual({
      type: 'reject',
      expectedVersion: 7,
      reason: 'invalid',
      note: '信息不实',
    });
    const { type: _type, expectedVersion: _version, ...grade } = regrade('L4', 'general');
    expect(actionOfChange(pendingChangeOf({ kind: 'regrade', ...grade }, 'agent-1', 'now'), 2)).toEqual({
      ...regrade('L4', 'general'),
      expectedVersion: 2,
    });
  });
});
