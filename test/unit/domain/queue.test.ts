import { describe, expect, it } from 'vitest';
import { queueScopeFor } from '../../../functions/domain/queue.ts';
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
