import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import { STATUSES, type ComplaintStatus } from '../../../functions/domain/vocabulary.ts';
import { decideTriage } from '../../../functions/domain/lifecycle.ts';
import {
  allowedActions,
  allowedActionsFor,
  decideStaffAction,
  staffActionSchema,
  TRANSITIONS,
  type StaffAction,
} from '../../../functions/domain/staff-actions.ts';
import type { StaffPrincipal } from '../../../functions/domain/staff.ts';
import type { StaffMember } from '../../../functions/domain/staff-directory.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

const policy = defaultPolicy();
const calendar = defaultCalendar();
const NOW = new Date('2026-11-23T03:00:00Z');
const agent: StaffPrincipal = { subject: 'agent-1', roles: ['agent'], department: 'quality' };
const supervisor: StaffPrincipal = { subject: 'sup-1', roles: ['supervisor'], department: 'quality' };

const base = (subject = '包装盒有压痕', description = '外包装盒有压痕，请处理一下。'): Complaint => {
  const complaint = receivedComplaint(new Date('2026-11-23T02:00:00Z'), { subject, description, version: 3 });
  return { ...complaint, ...decideTriage(policy, calendar, complaint, [], NOW)!.changes };
};

/** An action without its version (the helpers add the complaint's current one). */
type ActionInput = StaffAction extends unknown
  ? StaffAction extends infer A
    ? A extends StaffAction
      ? Omit<A, 'expectedVersion'>
      : never
    : never
  : never;

/** The staff directory of these tests: everyone works for the department the fixture is routed to. */
const member = (id: string, name: string, department = base().department): StaffMember => ({
  id,
  name,
  email: `${id}@example.com`,
  department,
  roles: id.startsWith('sup') ? ['supervisor'] : ['agent'],
});
const DIRECTORY: Record<string, StaffMember> = {
  'agent-1': member('agent-1', '王磊'),
  'someone-else': member('someone-else', '李娜'),
  'sup-1': member('sup-1', '陈静'),
  'elsewhere-1': member('elsewhere-1', '孙浩', 'legal'),
};

const act = (complaint: Complaint, action: ActionInput, who = agent) =>
  decideStaffAction(
    policy,
    calendar,
    complaint,
    { ...action, expectedVersion: complaint.version },
    who,
    'MSG1',
    NOW,
    action.type === 'assign'
      ? { assignee: DIRECTORY[action.assignee], assigner: DIRECTORY[who.subject] }
      : action.type === 'resolve' && action.correctiveAction
        ? { correctiveActionOwner: DIRECTORY[action.correctiveAction.owner] }
        : {},
  );

/** Applies an action that must succeed and returns the complaint after it. */
const apply = (complaint: Complaint, action: ActionInput, who = agent): Complaint => {
  const outcome = act(complaint, action, who);
  if (outcome.kind !== 'applied') throw new Error(`${action.type}: ${JSON.stringify(outcome)}`);
  return { ...complaint, ...outcome.decision.changes, version: complaint.version + 1 };
};

describe('root cause and corrective action on resolving', () => {
  const investigating = () => {
    let complaint = apply(base(), { type: 'accept' });
    complaint = apply(complaint, { type: 'assign', assignee: 'agent-1' });
    return apply(complaint, { type: 'contact-customer', channel: 'phone', summary: '电话联系客户' });
  };
  const resolve = {
    type: 'resolve',
    outcome: 'resolved',
    summary: '已更换',
    remedy: 'replace',
    rootCause: 'supplier',
  } as const;
  const corrective = { description: '更换包装供应商', owner: 'someone-else', dueDate: '2026-12-15' };

  it('refuses a resolution without a root cause, or with one the policy does not offer', () => {
    const { rootCause: _omitted, ...withoutCause } = resolve;
    expect(staffActionSchema.safeParse({ ...withoutCause, expectedVersion: 1 }).success).toBe(false);
    expect(
      staffActionSchema.safeParse({ ...resolve, rootCause: 'bad-luck', expectedVersion: 1 }).success,
    ).toBe(false);
    const narrow = { ...policy, rootCauses: ['design' as const] };
    const complaint = investigating();
    const outcome = decideStaffAction(
      narrow,
      calendar,
      complaint,
      { ...resolve, expectedVersion: complaint.version },
      agent,
      'MSG1',
      NOW,
    );
    expect(outcome.kind).toBe('precondition-failed');
    expect(outcome.kind === 'precondition-failed' && outcome.reason).toContain('supplier');
  });

  it('records the root cause on the resolution and in the event, and opens the corrective action', () => {
    const complaint = investigating();
    const outcome = act(complaint, { ...resolve, correctiveAction: corrective });
    if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
    expect(outcome.decision.changes.resolution?.rootCause).toBe('supplier');
    expect(outcome.decision.changes.correctiveAction).toMatchObject({
      ...corrective,
      ownerName: '李娜',
      status: 'open',
      department: complaint.department,
      createdBy: 'agent-1',
      updates: [],
    });
    expect(outcome.decision.events.at(-1)?.details).toMatchObject({
      rootCause: 'supplier',
      correctiveAction: corrective,
    });
  });

  it('refuses an owner who is not in the directory or works for another department', () => {
    const complaint = investigating();
    for (const owner of ['nobody', 'elsewhere-1']) {
      const outcome = act(complaint, { ...resolve, correctiveAction: { ...corrective, owner } });
      expect(outcome.kind === 'precondition-failed' && outcome.reason).toContain('correctiveAction.owner');
    }
  });

  it('moves the corrective action forwards only, by its owner or a supervisor', () => {
    const resolved = apply(investigating(), { ...resolve, correctiveAction: corrective });
    const someoneElse: StaffPrincipal = { subject: 'someone-else', roles: ['agent'], department: 'quality' };
    expect(allowedActionsFor(resolved, agent)).not.toContain('update-corrective-action');
    expect(allowedActionsFor(resolved, someoneElse)).toContain('update-corrective-action');
    const update = { type: 'update-corrective-action', status: 'in-progress', note: '已联系供应商' } as const;
    expect(act(resolved, update, agent)).toMatchObject({ kind: 'forbidden' });
    const started = apply(resolved, update, someoneElse);
    expect(started.correctiveAction).toMatchObject({
      status: 'in-progress',
      updates: [{ status: 'in-progress', note: '已联系供应商', by: 'someone-else', at: NOW.toISOString() }],
    });
    expect(act(started, update, someoneElse)).toMatchObject({ kind: 'precondition-failed' });
    const done = apply(started, { ...update, status: 'done', note: '供应商已整改' }, supervisor);
    expect(done.correctiveAction?.status).toBe('done');
    expect(allowedActionsFor(done, supervisor)).not.toContain('update-corrective-action');
  });

  it('refuses an update when the complaint has no corrective action', () => {
    const resolved = apply(investigating(), resolve);
    expect(
      act(resolved, { type: 'update-corrective-action', status: 'done', note: 'x' }, supervisor),
    ).toMatchObject({ kind: 'precondition-failed' });
  });
});

describe('staff action schema', () => {
  it('needs next steps and their date for a partly resolved complaint', () => {
    const partly = {
      type: 'resolve',
      rootCause: 'manufacturing',
      expectedVersion: 1,
      outcome: 'partly-resolved',
      summary: '已退部分货款',
      remedy: 'refund',
    };
    const missing = staffActionSchema.safeParse(partly);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(['nextSteps']);
    expect(
      staffActionSchema.safeParse({
        ...partly,
        nextSteps: '厂家检测后补发配件',
        nextStepsBy: '2026-11-30T18:00:00+08:00',
      }).success,
    ).toBe(true);
  });

  it('accepts each action with its fields and rejects unknown types and extra fields', () => {
    expect(staffActionSchema.safeParse({ type: 'accept', expectedVersion: 1 }).success).toBe(true);
    expect(
      staffActionSchema.safeParse({
        type: 'resolve',
        rootCause: 'manufacturing',
        expectedVersion: 1,
        outcome: 'resolved',
        summary: '已更换',
        remedy: 'replace',
        amount: 99.5,
      }).success,
    ).toBe(true);
    expect(staffActionSchema.safeParse({ type: 'teleport', expectedVersion: 1 }).success).toBe(false);
    expect(staffActionSchema.safeParse({ type: 'accept', expectedVersion: 1, extra: 1 }).success).toBe(false);
    expect(
      staffActionSchema.safeParse({ type: 'reject', expectedVersion: 1, reason: 'boring', note: 'x' })
        .success,
    ).toBe(false);
    expect(
      staffActionSchema.safeParse({
        type: 'resolve',
        rootCause: 'manufacturing',
        expectedVersion: 1,
        outcome: 'resolved',
        summary: 's',
        remedy: 'refund',
        amount: -1,
      }).success,
    ).toBe(false);
  });
});

describe('transition table', () => {
  it('allows from each status exactly the actions the table lists', () => {
    for (const status of STATUSES) {
      const expected = Object.entries(TRANSITIONS)
        .filter(([, rule]) => rule.from.includes(status))
        .map(([type]) => type);
      expect(allowedActions(status)).toEqual(expected);
    }
    expect(allowedActions('received')).toEqual(
      expect.arrayContaining(['accept', 'reject', 'assign', 'contact-customer']),
    );
    expect(allowedActions('closed')).toEqual([
      'add-note',
      'reopen',
      'revoke-tracking-token',
      'decline-change',
      'update-corrective-action',
    ]);
    expect(allowedActions('rejected')).toEqual([
      'add-note',
      'revoke-tracking-token',
      'decline-change',
      'update-corrective-action',
    ]);
  });

  it.each<[ComplaintStatus, StaffAction['type']]>([
    ['received', 'resolve'],
    ['received', 'close'],
    ['resolved', 'contact-customer'],
    ['closed', 'resolve'],
    ['investigating', 'approve-proposal'],
  ])('refuses %s → %s naming the actions this caller may take', (status, type) => {
    const complaint = { ...base(), status };
    const outcome = act(complaint, { type } as StaffAction);
    expect(outcome).toEqual({
      kind: 'illegal-transition',
      status,
      allowed: allowedActionsFor(complaint, agent),
    });
  });

  it('refuses a stale expected version', () => {
    const complaint = base();
    const outcome = decideStaffAction(
      policy,
      calendar,
      complaint,
      { type: 'accept', expectedVersion: 2 },
      agent,
      'MSG1',
      NOW,
    );
    expect(outcome).toEqual({ kind: 'stale-version', currentVersion: 3 });
  });
});

describe('the case path', () => {
  it('accept → assign → contact (stops the first-response clock) → propose → resolve → close, with audit', () => {
    let complaint = apply(base(), { type: 'accept' });
    expect(complaint.status).toBe('accepted');
    complaint = apply(complaint, { type: 'assign', assignee: 'agent-1' });
    expect(complaint).toMatchObject({ status: 'assigned', assignee: 'agent-1' });
    const contact = act(complaint, {
      type: 'contact-customer',
      channel: 'phone',
      summary: '电话联系客户，确认情况',
    });
    expect(contact).toMatchObject({ kind: 'applied', signalWorkflow: true });
    complaint = apply(complaint, { type: 'contact-customer', channel: 'phone', summary: '电话联系客户' });
    expect(complaint.status).toBe('investigating');
    expect(complaint.sla?.firstResponse.completedAt).toBe(NOW.toISOString());
    complaint = apply(complaint, { type: 'propose-resolution', summary: '更换新包装', remedy: 'replace' });
    expect(complaint.proposal?.approval).toBe('not-required');
    const resolve = act(complaint, {
      type: 'resolve',
      rootCause: 'manufacturing',
      outcome: 'resolved',
      summary: '已更换',
      remedy: 'replace',
    });
    expect(resolve).toMatchObject({ kind: 'applied', signalWorkflow: true });
    if (resolve.kind !== 'applied') throw new Error('not applied');
    expect(resolve.decision.events[0]).toMatchObject({
      type: 'complaint.resolved',
      customerVisible: true,
      changes: { status: { before: 'solution-proposed', after: 'resolved' } },
    });
    complaint = apply(complaint, {
      type: 'resolve',
      rootCause: 'manufacturing',
      outcome: 'resolved',
      summary: '已更换',
      remedy: 'replace',
    });
    expect(complaint.sla?.resolution.completedAt).toBeDefined();
    complaint = apply(complaint, { type: 'close' });
    expect(complaint.status).toBe('closed');
  });

  it('makes an L1/L2 resolution wait for a supervisor to approve the proposal, and not its author', () => {
    let complaint = apply(base('电暖器起火', '电暖器突然起火，手被烫伤。'), {
      type: 'contact-customer',
      channel: 'phone',
      summary: '已联系',
    });
    expect(complaint.severity).toBe('L1');
    expect(
      act(complaint, {
        type: 'resolve',
        rootCause: 'manufacturing',
        outcome: 'resolved',
        summary: 's',
        remedy: 'refund',
      }),
    ).toMatchObject({ kind: 'precondition-failed' });
    complaint = apply(complaint, {
      type: 'propose-resolution',
      summary: '全额退款并赔偿',
      remedy: 'compensation',
      amount: 2000,
    });
    expect(complaint.proposal?.approval).toBe('pending');
    expect(
      act(complaint, {
        type: 'resolve',
        rootCause: 'manufacturing',
        outcome: 'resolved',
        summary: 's',
        remedy: 'refund',
      }),
    ).toMatchObject({ kind: 'precondition-failed' });
    expect(act(complaint, { type: 'approve-proposal' })).toMatchObject({ kind: 'forbidden' });
    expect(act(complaint, { type: 'approve-proposal' }, { ...supervisor, subject: 'agent-1' })).toMatchObject(
      { kind: 'forbidden' },
    );
    const declined = apply(complaint, { type: 'decline-proposal', note: '金额过高' }, supervisor);
    expect(declined).toMatchObject({
      status: 'investigating',
      proposal: { approval: 'declined', decidedBy: 'sup-1' },
    });
    complaint = apply(complaint, { type: 'approve-proposal' }, supervisor);
    expect(complaint.proposal?.approval).toBe('approved');
    complaint = apply(complaint, {
      type: 'resolve',
      rootCause: 'manufacturing',
      outcome: 'partly-resolved',
      summary: '已赔偿',
      remedy: 'compensation',
      amount: 1999,
      nextSteps: '厂家检测后补发配件',
      nextStepsBy: '2026-11-30T18:00:00+08:00',
    });
    expect(complaint.resolution).toMatchObject({ outcome: 'partly-resolved', amount: 1999, by: 'agent-1' });
  });

  it('pauses the clocks on a request for information and queues the question for the customer', () => {
    const complaint = apply(base(), { type: 'accept' });
    const outcome = act(complaint, { type: 'request-info', message: '请提供购买凭证照片' });
    expect(outcome).toMatchObject({ kind: 'applied', signalWorkflow: true });
    if (outcome.kind !== 'applied') throw new Error('not applied');
    expect(outcome.decision.changes.outbox).toEqual([
      { id: 'MSG1', kind: 'info-request', text: '请提供购买凭证照片', createdAt: NOW.toISOString() },
    ]);
    expect(outcome.decision.changes.status).toBe('awaiting-customer');
    expect(outcome.decision.changes.sla?.firstResponse.pausedAt).toBe(NOW.toISOString());
  });

  it('records a final grade beside the preliminary one, re-routes and re-times open stages', () => {
    const complaint = base();
    const outcome = act(complaint, {
      type: 'reclassify',
      category: 'logistics',
      severity: 'L2',
      urgency: 'important',
      reason: '经核实属运输损坏',
    });
    if (outcome.kind !== 'applied') throw new Error('not applied');
    const after = { ...complaint, ...outcome.decision.changes };
    expect(after).toMatchObject({
      category: 'logistics',
      department: 'logistics',
      severity: 'L2',
      finalGrade: { severity: 'L2', by: 'agent-1' },
    });
    expect(after.preliminaryGrade?.severity).toBe('L3');
    expect(Date.parse(after.sla!.firstResponse.dueAt)).toBeLessThan(
      Date.parse(complaint.sla!.firstResponse.dueAt),
    );
    expect(outcome.decision.events[0]!.changes).toMatchObject({ severity: { before: 'L3', after: 'L2' } });
  });

  it('rejects with a recorded reason and ends both clocks; lets agents assign only to themselves', () => {
    const rejected = apply(base(), { type: 'reject', reason: 'malicious', note: '重复恶意投诉' });
    expect(rejected).toMatchObject({ status: 'rejected', rejection: { reason: 'malicious' } });
    expect(rejected.sla?.resolution.completedAt).toBeDefined();
    expect(rejected.outbox).toEqual([{ id: 'MSG1', kind: 'rejection-notice', createdAt: NOW.toISOString() }]);
    expect(act(base(), { type: 'assign', assignee: 'someone-else' })).toMatchObject({ kind: 'forbidden' });
    expect(act(base(), { type: 'assign', assignee: 'someone-else' }, supervisor)).toMatchObject({
      kind: 'applied',
    });
  });

  it("assigns only a member of the directory who works for the complaint's department", () => {
    const unknown = act(base(), { type: 'assign', assignee: 'nobody' }, supervisor);
    expect(unknown).toMatchObject({ kind: 'precondition-failed' });
    expect(unknown.kind === 'precondition-failed' && unknown.reason).toContain('not in the staff directory');
    const elsewhere = act(base(), { type: 'assign', assignee: 'elsewhere-1' }, supervisor);
    expect(elsewhere).toMatchObject({ kind: 'precondition-failed' });
    expect(elsewhere.kind === 'precondition-failed' && elsewhere.reason).toContain('legal');
  });

  it('mails the assignee when someone else assigns them, not when they take the case themselves', () => {
    const assigned = act(base(), { type: 'assign', assignee: 'someone-else' }, supervisor);
    if (assigned.kind !== 'applied') throw new Error(JSON.stringify(assigned));
    expect(assigned.signalWorkflow).toBe(true);
    expect(assigned.decision.changes).toMatchObject({
      assignee: 'someone-else',
      assigneeContact: { name: '李娜', email: 'someone-else@example.com' },
      outbox: [
        {
          id: 'MSG1',
          kind: 'assigned',
          assignee: 'someone-else',
          assignedBy: '陈静',
          createdAt: NOW.toISOString(),
        },
      ],
    });
    const taken = act(base(), { type: 'assign', assignee: 'agent-1' });
    if (taken.kind !== 'applied') throw new Error(JSON.stringify(taken));
    expect(taken.signalWorkflow).toBe(false);
    expect(taken.decision.changes.outbox).toBeUndefined();
    expect(taken.decision.changes.assigneeContact).toEqual({ name: '王磊', email: 'agent-1@example.com' });
  });

  it('lets only supervisors reopen, counting reopenings', () => {
    const resolved = { ...base(), status: 'resolved' as const };
    expect(act(resolved, { type: 'reopen', reason: '客户不满意' })).toMatchObject({ kind: 'forbidden' });
    expect(apply(resolved, { type: 'reopen', reason: '客户不满意' }, supervisor)).toMatchObject({
      status: 'investigating',
      reopenCount: 1,
    });
  });

  it('times a closing and reopens a closed complaint only within the reopen window (30 days)', () => {
    const closed = apply({ ...base(), status: 'resolved' as const }, { type: 'close' });
    expect(closed).toMatchObject({ status: 'closed', closedAt: NOW.toISOString() });
    const within = { ...closed, closedAt: new Date(NOW.getTime() - 29 * 86_400_000).toISOString() };
    expect(apply(within, { type: 'reopen', reason: '客户再次来电' }, supervisor)).toMatchObject({
      status: 'investigating',
    });
    const after = { ...closed, closedAt: new Date(NOW.getTime() - 30 * 86_400_000).toISOString() };
    expect(act(after, { type: 'reopen', reason: '客户再次来电' }, supervisor)).toEqual({
      kind: 'precondition-failed',
      reason: `the reopen window ended at ${NOW.toISOString()}: the customer files a new complaint`,
    });
    const untimed = { ...closed, closedAt: undefined };
    expect(act(untimed, { type: 'reopen', reason: '客户再次来电' }, supervisor)).toMatchObject({
      kind: 'precondition-failed',
    });
  });
});

describe('contacting a customer who had no acknowledgement', () => {
  /** Logged by phone without an address: the workflow mailed nothing, so receipt is not yet confirmed. */
  const phoneOnly = (): Complaint => ({
    ...base(),
    channel: 'hotline',
    customer: { name: '王芳', phone: '13800138000', locale: 'zh-CN' },
  });

  it('counts the first contact as the acknowledgement: when and how, with its own audit event', () => {
    const outcome = act(phoneOnly(), {
      type: 'contact-customer',
      channel: 'phone',
      summary: '电话确认已受理',
    });
    if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
    expect(outcome.decision.changes).toMatchObject({
      acknowledgedAt: NOW.toISOString(),
      acknowledgedVia: 'phone',
    });
    expect(outcome.decision.events.map((event) => event.type)).toEqual([
      'complaint.acknowledged',
      'customer.contacted',
    ]);
    expect(outcome.decision.events[0]).toMatchObject({ customerVisible: true, details: { via: 'phone' } });
    // The contact's own before → after lists what the contact changed, not the acknowledgement.
    expect(Object.keys(outcome.decision.events[1]!.changes ?? {})).not.toContain('acknowledgedAt');
  });

  it('leaves an earlier acknowledgement as it was', () => {
    const acknowledged = {
      ...phoneOnly(),
      acknowledgedAt: '2026-11-23T02:01:00.000Z',
      acknowledgedVia: 'sms' as const,
    };
    const outcome = act(acknowledged, { type: 'contact-customer', channel: 'phone', summary: '再次联系' });
    if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
    expect(outcome.decision.changes).not.toHaveProperty('acknowledgedAt');
    expect(outcome.decision.changes).not.toHaveProperty('acknowledgedVia');
    expect(outcome.decision.events.map((event) => event.type)).toEqual(['customer.contacted']);
  });
});
