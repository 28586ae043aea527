import { describe, expect, it } from 'vitest';
import { accessRecord, canReadAccessLog } from '../../../functions/domain/access-log.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';

const agent: StaffPrincipal = { subject: 'a1', roles: ['agent'], department: 'quality' };
const supervisor: StaffPrincipal = { subject: 's1', roles: ['supervisor'], department: 'quality' };
const manager: StaffPrincipal = { subject: 'm1', roles: ['manager'] };
const admin: StaffPrincipal = { subject: 'x1', roles: ['admin'] };

describe('canReadAccessLog', () => {
  it('lets managers and admins read any case’s access log', () => {
    expect(canReadAccessLog(manager, 'logistics')).toBe(true);
    expect(canReadAccessLog(admin, undefined)).toBe(true);
  });

  it('lets supervisors read their own department’s cases only, and agents none', () => {
    expect(canReadAccessLog(supervisor, 'quality')).toBe(true);
    expect(canReadAccessLog(supervisor, 'logistics')).toBe(false);
    expect(canReadAccessLog(agent, 'quality')).toBe(false);
  });
});

describe('accessRecord', () => {
  it('says who (id, roles, department), when and what', () => {
    expect(
      accessRecord(agent, { kind: 'case-read', complaintId: 'C1' }, 'R1', new Date('2026-11-26T02:00:00Z')),
    ).toEqual({
      id: 'R1',
      kind: 'case-read',
      complaintId: 'C1',
      by: 'a1',
      roles: ['agent'],
      department: 'quality',
      at: '2026-11-26T02:00:00.000Z',
    });
    expect(
      accessRecord(manager, { kind: 'export' }, 'R2', new Date('2026-11-26T02:00:00Z')),
    ).not.toHaveProperty('department');
  });
});
