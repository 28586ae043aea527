import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import {
  decideAwaitCustomer,
  decideCustomerResponded,
  decideEmergencyAlert,
  decideEscalation,
  decideFirstContact,
  decideResolution,
  decideTriage,
  escalationRecipients,
  withoutMessage,
} from '../../../functions/domain/lifecycle.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const policy = defaultPolicy();
const calendar = defaultCalendar();
const RECEIVED = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai

const complaint = (overrides: Partial<Complaint> = {}): Complaint =>
  receivedComplaint(RECEIVED, {
    id: 'C2',
    subject: '电暖器起火',
    description: '电暖器突然起火，手被烫伤。',
    ...overrides,
  });

const triaged = (overrides: Partial<Complaint> = {}) => {
  const base = complaint(overrides);
  return { ...base, ...decideTriage(policy, calendar, base, [], RECEIVED)!.changes };
};

describe('lifecycle decisions', () => {
  it('triages once, with clocks from receipt, and links earlier complaints of the same category only', () => {
    const decision = decideTriage(
      policy,
      calendar,
      complaint(),
      [
        { id: 'C1', category: 'product-quality' },
        { id: 'C0', category: 'logistics' },
        { id: 'C2', category: 'product-quality' },
      ],
      new Date('2026-11-23T03:00:00Z'),
    )!;
    expect(decision.changes).toMatchObject({
      severity: 'L1',
      department: 'quality',
      relatedComplaints: ['C1'],
    });
    expect(decision.changes.sla?.firstResponse.dueAt).toBe('2026-11-23T04:00:00.000Z');
    expect(decision.events.map((event) => event.type)).toEqual([
      'complaint.triaged',
      'complaint.repeat-detected',
    ]);
    expect(decision.events[0]!.changes).toMatchObject({ severity: { before: null, after: 'L1' } });
    expect(decideTriage(policy, calendar, triaged(), [], RECEIVED)).toBeUndefined();
  });

  it('queues an escalation in the outbox, raises priority and records who is told', () => {
    const current = triaged({ subject: '包装盒有压痕', description: '外包装盒有压痕，请处理一下。' });
    expect(current.priority).toBe('P3');
    const decision = decideEscalation(
      policy,
      calendar,
      current,
      'firstResponse',
      'M1',
      new Date('2026-11-26T02:00:00Z'),
    )!;
    expect(decision.changes.priority).toBe('P2');
    expect(decision.changes.outbox).toEqual([
      expect.objectContaining({
        id: 'M1',
        kind: 'escalation',
        level: 1,
        stage: 'firstResponse',
        minutesLate: 0,
      }),
    ]);
    expect(decision.events[0]!.details).toMatchObject({
      level: 1,
      recipients: ['cs-supervisor@example.com'],
    });
    const escalated = { ...current, ...decision.changes };
    expect(
      decideEscalation(policy, calendar, escalated, 'firstResponse', 'M2', new Date('2026-11-26T02:00:00Z')),
    ).toBeUndefined();
    const sent = withoutMessage(escalated, 'M1', ['cs-supervisor@example.com'])!;
    expect(sent.changes.outbox).toEqual([]);
    expect(sent.events[0]!.type).toBe('notification.sent');
    expect(withoutMessage({ ...escalated, outbox: [] }, 'M1', [])).toBeUndefined();
  });

  it('alerts senior management once for an L1 complaint and never for others', () => {
    const l1 = triaged();
    const alert = decideEmergencyAlert(policy, l1, 'E1', RECEIVED)!;
    expect(alert.events[0]!.details).toMatchObject({ recipients: ['senior-management@example.com'] });
    expect(decideEmergencyAlert(policy, { ...l1, ...alert.changes }, 'E2', RECEIVED)).toBeUndefined();
    expect(
      decideEmergencyAlert(
        policy,
        triaged({ subject: '压痕', description: '外包装有压痕，请处理。' }),
        'E3',
        RECEIVED,
      ),
    ).toBeUndefined();
  });

  it('resolves recipients by department for levels 1 and 2 and from the list for level 3', () => {
    expect(escalationRecipients(policy, 1, 'logistics')).toEqual(['logistics-supervisor@example.com']);
    expect(escalationRecipients(policy, 2, 'logistics')).toEqual(['logistics-head@example.com']);
    expect(escalationRecipients(policy, 3, 'logistics')).toEqual(['senior-management@example.com']);
    expect(() => escalationRecipients(policy, 4, 'logistics')).toThrow();
  });

  it('stops, pauses and resumes clocks through staff and customer actions, and ignores them when they no longer apply', () => {
    const current = triaged();
    const contacted = {
      ...current,
      ...decideFirstContact(current, new Date('2026-11-23T03:00:00Z'))!.changes,
    };
    expect(contacted.status).toBe('investigating');
    expect(contacted.sla?.firstResponse.onTime).toBe(true);
    expect(decideFirstContact(contacted, new Date('2026-11-23T03:30:00Z'))).toBeUndefined();

    const waiting = {
      ...contacted,
      ...decideAwaitCustomer(contacted, new Date('2026-11-23T04:00:00Z'))!.changes,
    };
    expect(waiting.status).toBe('awaiting-customer');
    expect(decideAwaitCustomer(waiting, new Date('2026-11-23T04:00:00Z'))).toBeUndefined();
    const back = decideCustomerResponded(calendar, waiting, new Date('2026-11-23T06:00:00Z'))!;
    expect(back.changes.sla?.resolution.dueAt).toBe('2026-11-24T04:00:00.000Z'); // 24 h + 2 h waiting
    expect(decideCustomerResponded(calendar, contacted, new Date())).toBeUndefined();

    const resolved = {
      ...contacted,
      ...decideResolution(contacted, new Date('2026-11-23T05:00:00Z'))!.changes,
    };
    expect(resolved.status).toBe('resolved');
    expect(decideResolution(resolved, new Date())).toBeUndefined();
    expect(decideAwaitCustomer(resolved, new Date())).toBeUndefined();
  });
});
