import { describe, expect, it } from 'vitest';
import {
  correctiveActionListChanges,
  correctiveActionScopeFor,
  isCorrectiveActionOverdue,
  type CorrectiveAction,
} from '../../../functions/domain/corrective-actions.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';

const opened: CorrectiveAction = {
  description: 'Audit the supplier’s sealing line',
  owner: 'agent-7',
  ownerName: 'Wang Gong',
  dueDate: '2026-12-15',
  status: 'open',
  department: 'quality',
  createdBy: 'agent-1',
  createdAt: '2026-11-26T02:00:00.000Z',
  updates: [],
};
const complaint = (correctiveAction: CorrectiveAction | undefined) => ({
  id: '01KAQ00000000000000000000A',
  reference: 'CMP-261126-AAAAAA',
  correctiveAction,
  resolution: {
    outcome: 'resolved' as const,
    summary: 'refunded',
    remedy: 'refund' as const,
    rootCause: 'supplier' as const,
    by: 'agent-1',
    at: '2026-11-26T02:00:00.000Z',
  },
});

describe('correctiveActionListChanges', () => {
  it('writes nothing when the action did not change', () => {
    expect(correctiveActionListChanges(complaint(undefined), complaint(undefined))).toEqual({});
    expect(correctiveActionListChanges(complaint(opened), complaint({ ...opened }))).toEqual({});
  });

  it('puts a new action on its department’s open list by due date, without the complaint’s text', () => {
    const { put, remove } = correctiveActionListChanges(complaint(undefined), complaint(opened));
    expect(remove).toBeUndefined();
    expect(put?.placement).toEqual({
      department: 'quality',
      state: 'open',
      sortKey: '2026-12-15',
      complaintId: '01KAQ00000000000000000000A',
    });
    expect(put?.row).toEqual({
      complaintId: '01KAQ00000000000000000000A',
      reference: 'CMP-261126-AAAAAA',
      department: 'quality',
      rootCause: 'supplier',
      description: 'Audit the supplier’s sealing line',
      owner: 'agent-7',
      ownerName: 'Wang Gong',
      dueDate: '2026-12-15',
      status: 'open',
      createdAt: '2026-11-26T02:00:00.000Z',
      updatedAt: '2026-11-26T02:00:00.000Z',
    });
    expect(JSON.stringify(put)).not.toContain('refunded');
  });

  it('rewrites in place while open → in-progress, and moves to the done list when done', () => {
    const started = {
      ...opened,
      status: 'in-progress' as const,
      updates: [{ status: 'in-progress' as const, note: 'n', by: 'agent-7', at: '2026-11-27T00:00:00.000Z' }],
    };
    const inProgress = correctiveActionListChanges(complaint(opened), complaint(started));
    expect(inProgress.remove).toBeUndefined();
    expect(inProgress.put?.row.status).toBe('in-progress');
    expect(inProgress.put?.row.updatedAt).toBe('2026-11-27T00:00:00.000Z');

    const done = {
      ...started,
      status: 'done' as const,
      updates: [
        ...started.updates,
        { status: 'done' as const, note: 'd', by: 'agent-7', at: '2026-11-28T00:00:00.000Z' },
      ],
    };
    const finished = correctiveActionListChanges(complaint(started), complaint(done));
    expect(finished.remove).toMatchObject({ state: 'open', sortKey: '2026-12-15' });
    expect(finished.put?.placement).toMatchObject({ state: 'done', sortKey: '2026-11-28T00:00:00.000Z' });
  });

  it('takes the earlier action off the list when a new resolution replaces it', () => {
    const replacement = { ...opened, dueDate: '2027-01-10', description: 'Redesign the seal' };
    const { put, remove } = correctiveActionListChanges(complaint(opened), complaint(replacement));
    expect(remove).toMatchObject({ state: 'open', sortKey: '2026-12-15' });
    expect(put?.placement.sortKey).toBe('2027-01-10');
  });
});

describe('correctiveActionScopeFor', () => {
  const agent: StaffPrincipal = { subject: 'a1', roles: ['agent'], department: 'quality' };
  const supervisor: StaffPrincipal = { subject: 's1', roles: ['supervisor'], department: 'quality' };

  it('gives agents their department only', () => {
    expect(correctiveActionScopeFor(agent, undefined)).toEqual({ kind: 'allowed', department: 'quality' });
    expect(correctiveActionScopeFor(agent, 'quality')).toEqual({ kind: 'allowed', department: 'quality' });
    expect(correctiveActionScopeFor(agent, 'logistics').kind).toBe('forbidden');
    expect(correctiveActionScopeFor({ ...agent, department: undefined }, undefined).kind).toBe('forbidden');
  });

  it('gives supervisors and above every department, or the one they name', () => {
    expect(correctiveActionScopeFor(supervisor, undefined)).toEqual({
      kind: 'allowed',
      department: undefined,
    });
    expect(correctiveActionScopeFor(supervisor, 'logistics')).toEqual({
      kind: 'allowed',
      department: 'logistics',
    });
  });
});

describe('isCorrectiveActionOverdue', () => {
  it('is overdue from the day after its due date until done', () => {
    expect(isCorrectiveActionOverdue(opened, '2026-12-15')).toBe(false);
    expect(isCorrectiveActionOverdue(opened, '2026-12-16')).toBe(true);
    expect(isCorrectiveActionOverdue({ ...opened, status: 'done' }, '2027-01-01')).toBe(false);
  });
});
