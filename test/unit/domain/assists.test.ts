import { describe, expect, it } from 'vitest';
import { caseAccess, decideOverdueAssists, nextAssistCheckAt } from '../../../functions/domain/assists.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { decideEscalation, decideTriage } from '../../../functions/domain/lifecycle.ts';
import { assistQueueItems } from '../../../functions/domain/queue.ts';
import {
  allowedActionsFor,
  decideStaffAction,
  type StaffAction,
} from '../../../functions/domain/staff-actions.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const policy = defaultPolicy();
const calendar = defaultCalendar();
const NOW = new Date('2026-11-23T03:00:00Z');
const agent: StaffPrincipal = { subject: 'agent-1', roles: ['agent'], department: 'quality' };
const supervisor: StaffPrincipal = { subject: 'sup-1', roles: ['supervisor'], department: 'quality' };
const legalAgent: StaffPrincipal = { subject: 'legal-1', roles: ['agent'], department: 'legal' };
const salesAgent: StaffPrincipal = { subject: 'sales-1', roles: ['agent'], department: 'sales' };

/** A quality case under investigation (first contact made). */
const investigating = (): Complaint => {
  const complaint = receivedComplaint(new Date('2026-11-23T02:00:00Z'), {
    subject: '水壶漏水',
    description: '水壶漏水严重。',
    version: 3,
  });
  const triaged = { ...complaint, ...decideTriage(policy, calendar, complaint, [], NOW)!.changes };
  return apply(triaged, { type: 'contact-customer', channel: 'phone', summary: '已电话联系' });
};

type ActionInput = StaffAction extends infer A
  ? A extends StaffAction
    ? Omit<A, 'expectedVersion'>
    : never
  : never;

const act = (
  complaint: Complaint,
  action: ActionInput,
  who = agent,
  now = NOW,
  lookedUp: Parameters<typeof decideStaffAction>[7] = {},
) =>
  decideStaffAction(
    policy,
    calendar,
    complaint,
    { ...action, expectedVersion: complaint.version },
    who,
    'ASSIST1',
    now,
    lookedUp,
  );

const apply = (complaint: Complaint, action: ActionInput, who = agent, now = NOW): Complaint => {
  const outcome = act(complaint, action, who, now);
  if (outcome.kind !== 'applied') throw new Error(`${action.type}: ${JSON.stringify(outcome)}`);
  return { ...complaint, ...outcome.decision.changes, version: complaint.version + 1 };
};

const RESOLVE = {
  type: 'resolve',
  rootCause: 'manufacturing',
  outcome: 'resolved',
  summary: '已更换',
  remedy: 'replace',
} as const;
const askLegal = (complaint: Complaint) =>
  apply(complaint, {
    type: 'request-assist',
    department: 'legal',
    question: '客户威胁起诉，如何答复？',
    required: true,
  });

describe('co-handling assists', () => {
  it('asks another department with a due time from the policy, and refuses itself or a second open one', () => {
    const asked = askLegal(investigating());
    expect(asked.assists).toEqual([
      expect.objectContaining({
        id: 'ASSIST1',
        department: 'legal',
        status: 'open',
        required: true,
        requestedBy: 'agent-1',
        dueAt: '2026-11-25T03:00:00.000Z',
      }),
    ]);
    expect(
      act(asked, { type: 'request-assist', department: 'legal', question: '再问', required: true }),
    ).toEqual({
      kind: 'precondition-failed',
      reason: 'an assist to legal is already open',
    });
    expect(
      act(asked, { type: 'request-assist', department: 'quality', question: '?', required: true }),
    ).toMatchObject({
      kind: 'precondition-failed',
      reason: 'a department cannot ask itself for help',
    });
    expect(
      act(asked, { type: 'request-assist', department: 'nowhere', question: '?', required: true }),
    ).toMatchObject({
      kind: 'precondition-failed',
    });
  });

  it('blocks resolution while a required assist is open, until the assisting department answers', () => {
    const asked = askLegal(investigating());
    const refused = act(asked, RESOLVE);
    expect(refused).toMatchObject({ kind: 'precondition-failed' });
    expect(refused.kind === 'precondition-failed' && refused.reason).toMatch(
      /required assists are open \(legal\)/u,
    );
    expect(allowedActionsFor(asked, agent)).not.toContain('resolve');
    // Legal may read the case and answer; nothing else, and not another department's assist.
    expect(caseAccess(legalAgent, asked)).toBe('assisting');
    expect(caseAccess(salesAgent, asked)).toBe('none');
    expect(allowedActionsFor(asked, legalAgent)).toEqual(['answer-assist']);
    expect(act(asked, { type: 'answer-assist', assistId: 'ASSIST1', answer: '可' }, agent)).toMatchObject({
      kind: 'forbidden',
    });
    const answering = act(
      asked,
      { type: 'answer-assist', assistId: 'ASSIST1', answer: '按合同条款答复即可。' },
      legalAgent,
      NOW,
      {
        answerer: {
          id: 'legal-1',
          name: '孙律师',
          email: 'legal-1@example.com',
          department: 'legal',
          roles: ['agent'],
        },
      },
    );
    if (answering.kind !== 'applied') throw new Error(JSON.stringify(answering));
    const answered = { ...asked, ...answering.decision.changes, version: asked.version + 1 };
    // The answerer's name is kept: the lead department's console knows only its own staff.
    expect(answered.assists![0]).toMatchObject({
      status: 'answered',
      answeredBy: 'legal-1',
      answeredByName: '孙律师',
      answer: '按合同条款答复即可。',
    });
    expect(act(answered, RESOLVE)).toMatchObject({ kind: 'applied' });
  });

  it('lets a supervisor resolve over an open required assist with a reason, cancelling it', () => {
    const asked = askLegal(investigating());
    expect(act(asked, { ...RESOLVE, overrideReason: '客户已撤回起诉' })).toMatchObject({ kind: 'forbidden' });
    expect(allowedActionsFor(asked, supervisor)).toContain('resolve');
    const outcome = act(asked, { ...RESOLVE, overrideReason: '客户已撤回起诉' }, supervisor);
    if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
    expect(outcome.decision.changes.assists![0]).toMatchObject({
      status: 'cancelled',
      cancelReason: '客户已撤回起诉',
    });
    expect(outcome.decision.events.map((event) => event.type)).toEqual([
      'assist.overridden',
      'complaint.resolved',
    ]);
  });

  it('lets the lead department cancel an assist, not the assisting one', () => {
    const asked = askLegal(investigating());
    const cancel = { type: 'cancel-assist', assistId: 'ASSIST1', reason: '已不需要' } as const;
    expect(act(asked, cancel, legalAgent)).toMatchObject({ kind: 'forbidden' });
    const cancelled = apply(asked, cancel);
    expect(cancelled.assists![0]).toMatchObject({ status: 'cancelled', cancelledBy: 'agent-1' });
    expect(act(cancelled, cancel)).toMatchObject({ kind: 'precondition-failed' });
  });

  it("mails the assisting department's supervisors once when it is asked, with the workflow woken to send it", () => {
    const before = investigating();
    const outcome = act(before, {
      type: 'request-assist',
      department: 'legal',
      question: '客户威胁起诉，如何答复？',
      required: true,
    });
    if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
    expect(outcome.signalWorkflow).toBe(true);
    expect(outcome.decision.changes.outbox).toEqual([
      ...(before.outbox ?? []),
      {
        id: 'ASSIST1',
        kind: 'assist-requested',
        level: 1,
        assistId: 'ASSIST1',
        minutesLate: 0,
        createdAt: NOW.toISOString(),
      },
    ]);
  });

  it("mails the assisting department's supervisors once when an assist is overdue, from the stage's check", () => {
    // The request's own mail was sent when the workflow woke.
    const asked = { ...askLegal(investigating()), outbox: [] };
    expect(nextAssistCheckAt(asked)).toBe('2026-11-25T03:00:00.000Z');
    expect(decideOverdueAssists(asked, () => 'M', new Date('2026-11-25T02:59:00Z'))).toBeUndefined();
    const late = new Date('2026-11-25T03:30:00Z');
    const decided = decideEscalation(policy, calendar, asked, 'resolution', 'MSG', late)!;
    expect(decided.changes.outbox).toEqual([
      expect.objectContaining({
        id: 'MSG-assist-1',
        kind: 'assist-overdue',
        assistId: 'ASSIST1',
        minutesLate: 30,
      }),
    ]);
    expect(decided.events.map((event) => event.type)).toEqual(['assist.overdue']);
    const after = { ...asked, ...decided.changes };
    expect(nextAssistCheckAt(after)).toBeUndefined();
    expect(decideEscalation(policy, calendar, after, 'resolution', 'MSG2', late)).toBeUndefined();
  });

  it("places an open assist in the assisting department's queue by its due time, and moves it to done once answered", () => {
    const before = investigating();
    const asked = askLegal(before);
    const [row] = assistQueueItems(before, asked);
    expect(row!.attributes).toMatchObject({
      id: asked.id,
      department: 'legal',
      queueDepartment: 'legal#open',
      queueDueAt: `2026-11-25T03:00:00.000Z#${asked.id}`,
      nextDueAt: '2026-11-25T03:00:00.000Z',
    });
    const answered = apply(asked, { type: 'answer-assist', assistId: 'ASSIST1', answer: '好' }, legalAgent);
    expect(assistQueueItems(asked, answered)[0]!.attributes).toMatchObject({ queueDepartment: 'legal#done' });
    // Finished and unchanged: not written again.
    expect(assistQueueItems(answered, { ...answered, version: answered.version + 1 })).toEqual([]);
  });
});

describe('escalate action', () => {
  it('moves the case one level up now, with the escalation mails and the reason, up to the last level', () => {
    let complaint: Complaint = { ...investigating(), assignee: 'agent-2' };
    const outcome = act(complaint, { type: 'escalate', reason: '需要质检报告，预计延误' });
    if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
    expect(outcome.signalWorkflow).toBe(true);
    expect(outcome.decision.changes.sla!.escalationLevel).toBe(1);
    expect(outcome.decision.changes.outbox!.map((message) => message.kind)).toEqual([
      'escalation',
      'assignee-escalated',
    ]);
    expect(outcome.decision.events[0]).toMatchObject({
      type: 'sla.escalated',
      details: { level: 1, stage: 'resolution', manual: { reason: '需要质检报告，预计延误' } },
    });
    // The deadline is unchanged.
    expect(outcome.decision.changes.sla!.resolution.dueAt).toBe(complaint.sla!.resolution.dueAt);
    complaint = apply(complaint, { type: 'escalate', reason: 'a' });
    complaint = apply(complaint, { type: 'escalate', reason: 'b' });
    complaint = apply(complaint, { type: 'escalate', reason: 'c' });
    expect(complaint.sla!.escalationLevel).toBe(3);
    expect(act(complaint, { type: 'escalate', reason: 'd' })).toMatchObject({ kind: 'precondition-failed' });
  });
});

describe('pre-breach warning', () => {
  it("mails the assignee once at 75 % of the stage's time", () => {
    const complaint = { ...investigating(), assignee: 'agent-2' };
    const warnAt = complaint.sla!.resolution.warnAt!;
    expect(warnAt < complaint.sla!.resolution.dueAt).toBe(true);
    expect(
      decideEscalation(policy, calendar, complaint, 'resolution', 'W', new Date(Date.parse(warnAt) - 1)),
    ).toBeUndefined();
    const warned = decideEscalation(policy, calendar, complaint, 'resolution', 'W', new Date(warnAt))!;
    expect(warned.changes.outbox).toEqual([
      expect.objectContaining({ kind: 'assignee-warning', assignee: 'agent-2', stage: 'resolution' }),
    ]);
    expect(warned.events.map((event) => event.type)).toEqual(['sla.warned']);
    const after = { ...complaint, ...warned.changes };
    expect(decideEscalation(policy, calendar, after, 'resolution', 'W2', new Date(warnAt))).toBeUndefined();
  });
});
