import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { finishedAt, queueAttributes, queueScopeFor } from '../../../functions/domain/queue.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';

const agent: StaffPrincipal = { subject: 'a1', roles: ['agent'], department: 'quality' };
const manager: StaffPrincipal = { subject: 'm1', roles: ['manager'] };

describe('queueScopeFor', () => {
  it("gives agents their department's queue, and refuses another department", () => {
    expect(queueScopeFor(agent, {})).toEqual({
      kind: 'allowed',
      scope: { kind: 'department', department: 'quality' },
      department: undefined,
    });
    expect(queueScopeFor(agent, { department: 'logistics' }).kind).toBe('forbidden');
    expect(queueScopeFor({ ...agent, department: undefined }, {}).kind).toBe('forbidden');
  });

  it("narrows a person's queue to the agent's department", () => {
    expect(queueScopeFor(agent, { assignee: 'a2' })).toEqual({
      kind: 'allowed',
      scope: { kind: 'assignee', assignee: 'a2' },
      department: 'quality',
    });
  });

  it('lets managers list everything, any department or any person', () => {
    expect(queueScopeFor(manager, {})).toEqual({
      kind: 'allowed',
      scope: { kind: 'all' },
      department: undefined,
    });
    expect(queueScopeFor(manager, { department: 'logistics' })).toMatchObject({
      scope: { kind: 'department', department: 'logistics' },
    });
    expect(queueScopeFor(manager, { assignee: 'a2' })).toEqual({
      kind: 'allowed',
      scope: { kind: 'assignee', assignee: 'a2' },
      department: undefined,
    });
  });
});

describe('queueAttributes of finished work', () => {
  const closed = {
    id: '01KAQ00000000000000000000A',
    status: 'closed',
    submittedAt: '2026-11-01T00:00:00.000Z',
    closedAt: '2026-11-10T00:00:00.000Z',
    updatedAt: '2026-11-10T00:00:00.000Z',
    version: 7,
  } as unknown as Complaint;

  it('keeps the sort key of a finished row when a later save changes the complaint', () => {
    const before = queueAttributes(closed);
    const after = queueAttributes({ ...closed, updatedAt: '2026-11-12T08:00:00.000Z', version: 8 });
    expect(before.queueDueAt).toBe('2026-11-10T00:00:00.000Z#01KAQ00000000000000000000A');
    expect(after).toEqual(before);
  });

  it('sorts finished work by when it was closed, resolved or rejected', () => {
    const at = (complaint: Partial<Complaint>) => finishedAt({ ...closed, ...complaint });
    expect(at({})).toBe('2026-11-10T00:00:00.000Z');
    expect(
      at({
        status: 'resolved',
        closedAt: undefined,
        sla: { resolution: { completedAt: '2026-11-05T00:00:00.000Z' } } as Complaint['sla'],
      }),
    ).toBe('2026-11-05T00:00:00.000Z');
    expect(
      at({
        status: 'rejected',
        rejection: { reason: 'malicious', note: '', at: '2026-11-03T00:00:00.000Z' },
      }),
    ).toBe('2026-11-03T00:00:00.000Z');
    // Stored before any of these was kept: its last change.
    expect(at({ status: 'resolved', closedAt: undefined })).toBe('2026-11-10T00:00:00.000Z');
  });

  it('partitions the export index by UTC day of submission', () => {
    expect(queueAttributes(closed).submittedDay).toBe('2026-11-01');
  });
});
