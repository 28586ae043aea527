import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { startClocks } from '../../../functions/domain/sla.ts';
import { caseDetail, queueRow } from '../../../functions/domain/staff-view.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const NOW = new Date('2026-12-29T03:00:00Z');
const CONTEXT = { mails: [], relatedComplaints: [], customerHistory: [], timeZone: 'Asia/Shanghai' };
const agent: StaffPrincipal = { subject: 'agent-1', roles: ['agent'], department: 'quality' };
const problem = {
  kind: 'bounce' as const,
  mailKind: 'result-notice',
  messageId: '0100-abc',
  at: '2026-12-28T02:00:00.000Z',
  type: 'Permanent',
  subType: 'General',
};

const complaint = (overrides: Partial<Complaint> = {}): Complaint =>
  receivedComplaint(new Date('2026-12-28T02:00:00Z'), { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', ...overrides });

describe('staff view: contact problems', () => {
  it('the queue row says "contact by phone" with which mail failed, and nothing when none did', () => {
    expect(queueRow(complaint({ contactProblem: problem }), NOW).contactProblem).toEqual({
      kind: 'bounce',
      mailKind: 'result-notice',
      at: '2026-12-28T02:00:00.000Z',
      type: 'Permanent',
      subType: 'General',
      action: 'contact-by-phone',
    });
    expect(queueRow(complaint(), NOW).contactProblem).toBeNull();
  });

  it('the case page shows it too, without the SES message id', () => {
    const detail = caseDetail(complaint({ contactProblem: problem }), [], agent, NOW, CONTEXT);
    expect(detail.contactProblem).toMatchObject({ kind: 'bounce', action: 'contact-by-phone' });
    expect(JSON.stringify(detail.contactProblem)).not.toContain('0100-abc');
    expect(caseDetail(complaint(), [], agent, NOW, CONTEXT).contactProblem).toBeNull();
  });
});

describe('staff view: provisional deadlines', () => {
  it('flags a business-time deadline that runs into a year the policy lacks', () => {
    const sla = startClocks(
      defaultPolicy(),
      defaultCalendar(),
      { severity: 'L3', category: 'other', channel: 'web', tier: 'ordinary' },
      new Date('2026-12-28T02:00:00Z'),
    );
    const detail = caseDetail(complaint({ sla }), [], agent, NOW, CONTEXT);
    expect(detail.sla.resolution?.provisionalCalendar).toBe(true);
    const earlier = caseDetail(
      complaint({ sla: { ...sla, resolution: { ...sla.resolution, provisionalCalendar: undefined } } }),
      [],
      agent,
      NOW,
      CONTEXT,
    );
    expect(earlier.sla.resolution?.provisionalCalendar).toBe(false);
  });
});

describe('staff view: queue countdown', () => {
  it('counts down to the next deadline on the server clock, negative once overdue, none without one', () => {
    const due = (nextDueAt: string) => queueRow({ ...complaint(), nextDueAt }, NOW);
    expect(due('2026-12-29T05:30:00.000Z')).toMatchObject({ remainingMs: 9_000_000, overdue: false });
    expect(due('2026-12-29T02:00:00.000Z')).toMatchObject({ remainingMs: -3_600_000, overdue: true });
    expect(queueRow(complaint(), NOW).remainingMs).toBeNull();
  });
});
