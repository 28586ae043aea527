import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideStaffAction } from '../../../functions/domain/staff-actions.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';
import {
  trackingAccess,
  trackingTokenExpiresAt,
  trackingTokenGeneration,
} from '../../../functions/domain/tracking-access.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const policy = defaultPolicy();
const DAYS = policy.trackingTokens.validDaysAfterClosing;
const RECEIVED = new Date('2026-01-05T02:00:00Z');
const open = receivedComplaint(RECEIVED, { status: 'investigating', version: 4 });
const closed = { ...open, status: 'closed' as const, closedAt: '2026-02-01T00:00:00.000Z' };
const day = 86_400_000;

describe('tracking token expiry', () => {
  it('defaults to 365 days after closing', () => {
    expect(DAYS).toBe(365);
    expect(trackingTokenExpiresAt(closed, DAYS)).toEqual(new Date('2027-02-01T00:00:00.000Z'));
  });

  it('never expires while the complaint is open, however old the link', () => {
    expect(trackingTokenExpiresAt(open, DAYS)).toBeUndefined();
    expect(trackingAccess(open, 0, DAYS, new Date('2036-01-01T00:00:00Z'))).toBe('granted');
    const resolved = { ...open, status: 'resolved' as const };
    expect(trackingAccess(resolved, 0, DAYS, new Date('2036-01-01T00:00:00Z'))).toBe('granted');
  });

  it('a closed complaint: granted until the expiry instant, expired from it', () => {
    const expiresAt = trackingTokenExpiresAt(closed, DAYS)!;
    expect(trackingAccess(closed, 0, DAYS, new Date(expiresAt.getTime() - 1))).toBe('granted');
    expect(trackingAccess(closed, 0, DAYS, expiresAt)).toBe('expired');
  });

  it('a rejected complaint expires from its rejection; an old closed one without closedAt from its last change', () => {
    const rejected = {
      ...open,
      status: 'rejected' as const,
      rejection: { reason: 'invalid' as const, note: 'n', at: '2026-03-01T00:00:00.000Z' },
    };
    expect(trackingTokenExpiresAt(rejected, 30)).toEqual(new Date('2026-03-31T00:00:00.000Z'));
    const legacy = { ...open, status: 'closed' as const, updatedAt: '2026-04-01T00:00:00.000Z' };
    expect(trackingTokenExpiresAt(legacy, 1)).toEqual(new Date('2026-04-02T00:00:00.000Z'));
  });

  it('property: an ended complaint is granted exactly before closedAt + validity days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3650 }),
        fc.integer({ min: 0, max: 4000 * day }),
        (validDays, sinceClosing) => {
          const at = new Date(Date.parse(closed.closedAt) + sinceClosing);
          const expected = sinceClosing < validDays * day ? 'granted' : 'expired';
          expect(trackingAccess(closed, 0, validDays, at)).toBe(expected);
        },
      ),
    );
  });
});

describe('tracking token revocation', () => {
  const supervisor: StaffPrincipal = { subject: 'sup-1', roles: ['supervisor'], department: 'quality' };
  const agent: StaffPrincipal = { subject: 'agent-1', roles: ['agent'], department: 'quality' };
  const revoke = (complaint: typeof open, who: StaffPrincipal) =>
    decideStaffAction(
      policy,
      defaultCalendar(),
      complaint,
      { type: 'revoke-tracking-token', expectedVersion: complaint.version, reason: '链接被转发' },
      who,
      'm-1',
      new Date('2026-01-06T00:00:00Z'),
    );

  it('bumps the generation, audited with its reason, not shown to the customer', () => {
    const outcome = revoke(open, supervisor);
    expect(outcome.kind).toBe('applied');
    if (outcome.kind !== 'applied') return;
    expect(outcome.decision.changes).toEqual({ trackingTokenGeneration: 1 });
    expect(outcome.decision.events).toEqual([
      {
        type: 'tracking-token.revoked',
        customerVisible: false,
        details: { reason: '链接被转发' },
        changes: { trackingTokenGeneration: { before: null, after: 1 } },
      },
    ]);
    const revoked = { ...open, ...outcome.decision.changes };
    expect(trackingTokenGeneration(revoked)).toBe(1);
    expect(trackingAccess(revoked, 0, DAYS, new Date('2026-01-07T00:00:00Z'))).toBe('revoked');
    expect(trackingAccess(revoked, 1, DAYS, new Date('2026-01-07T00:00:00Z'))).toBe('granted');
  });

  it('works again on a revoked and on a closed complaint (a leaked link of an old case)', () => {
    const twice = revoke({ ...closed, trackingTokenGeneration: 1 }, supervisor);
    expect(twice.kind === 'applied' && twice.decision.changes).toEqual({ trackingTokenGeneration: 2 });
  });

  it('is for supervisors and above only', () => {
    expect(revoke(open, agent)).toMatchObject({ kind: 'forbidden' });
  });
});
