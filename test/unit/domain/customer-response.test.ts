import { describe, expect, it } from 'vitest';
import type { Complaint, OutboxMessage } from '../../../functions/domain/complaint.ts';
import {
  decideCustomerResponse,
  decideLateCustomerMessage,
  decideTrackingLinkMail,
  isCustomerEmail,
  lateReplyRecipients,
  responseWindow,
  TRACKING_LINK_INTERVAL_MS,
} from '../../../functions/domain/customer-response.ts';
import { customerView } from '../../../functions/domain/customer-view.ts';
import { decideSurveyAnswer, reopenableUntil } from '../../../functions/domain/follow-up.ts';
import { decideTriage } from '../../../functions/domain/lifecycle.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const policy = defaultPolicy();
const calendar = defaultCalendar();
const RESOLVED_AT = new Date('2026-11-23T02:00:00Z');
const later = (hours: number) => new Date(RESOLVED_AT.getTime() + hours * 3_600_000);

const resolved = (overrides: Partial<Complaint> = {}): Complaint => {
  const complaint = receivedComplaint(new Date('2026-11-20T02:00:00Z'), { version: 9 });
  const triaged = {
    ...complaint,
    ...decideTriage(policy, calendar, complaint, [], new Date(complaint.submittedAt))!.changes,
  };
  return {
    ...triaged,
    status: 'resolved',
    sla: {
      ...triaged.sla!,
      resolution: { ...triaged.sla!.resolution, completedAt: RESOLVED_AT.toISOString(), onTime: true },
    },
    resolution: {
      outcome: 'resolved',
      summary: '已更换',
      remedy: 'replace',
      by: 'agent-1',
      at: RESOLVED_AT.toISOString(),
    },
    ...overrides,
  };
};

describe('decideCustomerResponse (Not satisfied? Tell us)', () => {
  it('reopens a resolved complaint with the message recorded, supervisors alerted and the customer told', () => {
    const outcome = decideCustomerResponse(policy, calendar, resolved(), '还是漏水', 'M1', later(1));
    expect(outcome.kind).toBe('reopened');
    if (outcome.kind !== 'reopened') return;
    expect(outcome.decision.changes.status).toBe('investigating');
    expect(outcome.decision.events.map((event) => event.type)).toEqual([
      'customer.replied',
      'complaint.reopened',
    ]);
    expect(outcome.decision.events[0]).toMatchObject({ details: { message: '还是漏水' } });
    expect(outcome.decision.changes.outbox?.map((message) => message.kind)).toEqual([
      'reopened',
      'reopened-notice',
    ]);
  });

  it('reopens a closed complaint within the reopen window, refuses after it', () => {
    const closed = resolved({ status: 'closed', closedAt: later(1).toISOString() });
    const until = reopenableUntil(policy, calendar, closed)!;
    const before = new Date(until.getTime() - 60_000);
    expect(decideCustomerResponse(policy, calendar, closed, 'x', 'M', before).kind).toBe('reopened');
    expect(decideCustomerResponse(policy, calendar, closed, 'x', 'M', until).kind).toBe('window-over');
    expect(responseWindow(policy, calendar, closed, before)).toEqual({
      open: true,
      until: until.toISOString(),
    });
    expect(responseWindow(policy, calendar, closed, until)).toEqual({
      open: false,
      until: until.toISOString(),
    });
  });

  it('keeps a mailed reply on a resolved complaint, or a closed one within its window, without reopening it, and alerts its handler once', () => {
    const reply = {
      type: 'customer.replied',
      customerVisible: true,
      details: { message: 'Thanks', resumedClock: false },
    };
    const alert = (id: string, at: Date) => ({ id, kind: 'late-reply', createdAt: at.toISOString() });
    expect(decideLateCustomerMessage(policy, calendar, resolved(), 'Thanks', 'M1', later(1))).toEqual({
      changes: { outbox: [alert('M1', later(1))] },
      events: [reply],
    });
    const closed = resolved({ status: 'closed', closedAt: later(1).toISOString() });
    const until = reopenableUntil(policy, calendar, closed)!;
    const before = new Date(until.getTime() - 1000);
    // Queued behind what is already waiting, never in place of it.
    const queued = { ...closed, outbox: [alert('M0', later(1)) as OutboxMessage] };
    expect(decideLateCustomerMessage(policy, calendar, queued, 'Thanks', 'M2', before)).toEqual({
      changes: { outbox: [alert('M0', later(1)), alert('M2', before)] },
      events: [reply],
    });
    expect(decideLateCustomerMessage(policy, calendar, closed, 'Thanks', 'M3', until)).toBeUndefined();
    expect(
      decideLateCustomerMessage(policy, calendar, resolved({ status: 'rejected' }), 'x', 'M4', later(1)),
    ).toBeUndefined();
  });

  it('alerts the assignee of a late reply, else the supervisors of its department (customer service when none)', () => {
    const quality = policy.departments.quality!.supervisors;
    const service = policy.departments['customer-service']!.supervisors;
    expect(quality.length).toBeGreaterThan(0);
    expect(
      lateReplyRecipients(policy, {
        assigneeContact: { name: 'Agent Q1', email: 'agent.q1@example.com' },
        department: 'quality',
      }),
    ).toEqual(['agent.q1@example.com']);
    expect(lateReplyRecipients(policy, { department: 'quality' })).toEqual(quality);
    expect(lateReplyRecipients(policy, { department: undefined })).toEqual(service);
  });

  it('refuses a complaint not yet resolved, and a rejected one', () => {
    expect(
      decideCustomerResponse(policy, calendar, resolved({ status: 'investigating' }), 'x', 'M', later(1))
        .kind,
    ).toBe('not-resolved');
    expect(
      decideCustomerResponse(policy, calendar, resolved({ status: 'rejected' }), 'x', 'M', later(1)).kind,
    ).toBe('window-over');
  });

  it('makes an open survey of the reopened round decide nothing afterwards', () => {
    const surveyed = resolved({
      followUp: {
        round: 0,
        surveyQueuedAt: later(1).toISOString(),
        surveyExpiresAt: later(100).toISOString(),
      },
    });
    const outcome = decideCustomerResponse(policy, calendar, surveyed, 'x', 'M', later(2));
    if (outcome.kind !== 'reopened') throw new Error('expected a reopening');
    const reopened = { ...surveyed, ...outcome.decision.changes };
    const answer = { overall: 5, process: 5, result: 5, solved: 'yes' } as const;
    expect(decideSurveyAnswer(policy, calendar, reopened, 0, answer, 'N', later(3))).toEqual({
      kind: 'closed',
    });
  });
});

describe('decideTrackingLinkMail', () => {
  it('queues one link per interval and records when', () => {
    const at = later(1);
    const first = decideTrackingLinkMail(resolved(), 'L1', at)!;
    expect(first.changes.outbox).toEqual([{ id: 'L1', kind: 'tracking-link', createdAt: at.toISOString() }]);
    const mailed = { ...resolved(), ...first.changes };
    expect(
      decideTrackingLinkMail(mailed, 'L2', new Date(at.getTime() + TRACKING_LINK_INTERVAL_MS - 1)),
    ).toBeUndefined();
    expect(
      decideTrackingLinkMail(mailed, 'L3', new Date(at.getTime() + TRACKING_LINK_INTERVAL_MS)),
    ).toBeDefined();
  });

  it('matches the address on file whatever its case and surrounding spaces', () => {
    const complaint = resolved();
    expect(isCustomerEmail(complaint, ` ${complaint.customer.email!.toUpperCase()} `)).toBe(true);
    expect(isCustomerEmail(complaint, 'someone-else@example.com')).toBe(false);
  });
});

describe('customerView after the end', () => {
  it('hides deadlines once resolved, shows the reason of a rejection and the reopening', () => {
    const view = customerView(resolved(), [], { open: true, until: null });
    expect(view.dueDates).toEqual({ firstResponse: null, resolution: null });
    expect(view.response).toEqual({ open: true, until: null });
    const rejected = customerView(
      resolved({
        status: 'rejected',
        rejection: { reason: 'malicious', note: '内部', at: later(1).toISOString() },
      }),
      [],
    );
    expect(rejected.rejectionReason).toBe('malicious');
    expect(JSON.stringify(rejected)).not.toContain('内部');
    const reopened = customerView(resolved({ status: 'investigating' }), [
      {
        complaintId: 'C',
        eventId: 'E1',
        at: later(2).toISOString(),
        actor: { kind: 'customer' },
        type: 'complaint.reopened',
        customerVisible: true,
        details: { reason: 'x', byCustomer: true, resolutionDueAt: later(50).toISOString() },
      },
    ]);
    expect(reopened.reopenedAt).toBe(later(2).toISOString());
    expect(reopened.resolution).toBeNull();
    expect(reopened.dueDates.resolution).not.toBeNull();
  });
});
