import { describe, expect, it } from 'vitest';
import { customerMessageAllowance, hourWindow, intakeAllowance } from '../../../functions/domain/limits.ts';
import { defaultPolicy } from '../../support/policy.ts';

const limits = defaultPolicy().limits;
const NOW = new Date('2026-03-02T10:45:00.000Z');

describe('limits on one party', () => {
  it('has the defaults: 5 complaints per address and 60 per network address an hour, 20 messages an hour and 200 in all, proof of work up to 100,000 tries', () => {
    expect(limits).toEqual({
      complaintsPerAddressPerHour: 5,
      complaintsPerSourceIpPerHour: 60,
      customerMessagesPerComplaintPerHour: 20,
      customerMessagesPerComplaint: 200,
      proofOfWorkMaxCounter: 100_000,
    });
  });

  it('counts in fixed hours, and says how long until the next', () => {
    expect(hourWindow(NOW)).toEqual({
      start: '2026-03-02T10:00:00.000Z',
      endsAt: new Date('2026-03-02T11:00:00.000Z'),
    });
  });

  it('allows the 5th complaint for an address and refuses the 6th until the hour ends', () => {
    expect(intakeAllowance(limits, { address: 5, sourceIp: 5 }, NOW)).toEqual({ kind: 'allowed' });
    expect(intakeAllowance(limits, { address: 6, sourceIp: 6 }, NOW)).toEqual({
      kind: 'rate-limited',
      limit: 'address',
      max: 5,
      retryAfterSeconds: 15 * 60,
    });
  });

  it('refuses the 61st complaint from one network address', () => {
    expect(intakeAllowance(limits, { address: 1, sourceIp: 60 }, NOW).kind).toBe('allowed');
    expect(intakeAllowance(limits, { address: 1, sourceIp: 61 }, NOW)).toMatchObject({
      kind: 'rate-limited',
      limit: 'source-ip',
      max: 60,
    });
  });

  it('counts customer messages per hour, starting again each hour', () => {
    const first = customerMessageAllowance(limits, undefined, NOW);
    expect(first).toEqual({
      allowance: { kind: 'allowed' },
      next: { total: 1, hourStart: '2026-03-02T10:00:00.000Z', inHour: 1 },
    });
    const full = { total: 20, hourStart: '2026-03-02T10:00:00.000Z', inHour: 20 };
    expect(customerMessageAllowance(limits, full, NOW).allowance).toEqual({
      kind: 'rate-limited',
      limit: 'messages-per-hour',
      max: 20,
      retryAfterSeconds: 15 * 60,
    });
    expect(customerMessageAllowance(limits, full, new Date('2026-03-02T11:00:00.000Z'))).toEqual({
      allowance: { kind: 'allowed' },
      next: { total: 21, hourStart: '2026-03-02T11:00:00.000Z', inHour: 1 },
    });
  });

  it('refuses for good past the bound in all', () => {
    const spent = { total: 200, hourStart: '2026-03-02T09:00:00.000Z', inHour: 3 };
    expect(customerMessageAllowance(limits, spent, NOW).allowance).toEqual({
      kind: 'exhausted',
      limit: 'messages',
      max: 200,
    });
  });
});
