import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { eventually, postComplaint } from '../support/http.ts';
import { staffAction, staffRequest } from '../support/staff-client.ts';

/**
 * Separation of duties through the staff API (issue 15): each test is a way one person alone could
 * end, pay out on or downgrade a case before these controls, and shows the API now refuses it or
 * turns it into a request a second person decides.
 */

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');

const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-q1' });
const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-q1' });
const manager = await issueDevToken({ role: 'manager', subject: 'mgr-1' });

const SUPERVISOR_ONLY = [
  'approve-proposal',
  'decline-proposal',
  'reopen',
  'revoke-tracking-token',
  'approve-change',
  'decline-change',
];

/** A quality complaint graded `severity` by triage, once the workflow waits for first contact. */
const complaintOf = async (severity: 'L1' | 'L3') => {
  const text =
    severity === 'L1'
      ? { subject: '电暖器起火', description: '电暖器突然起火，手被烫伤，家里差点着火。' }
      : { subject: '包装盒有压痕', description: '外包装盒有压痕，产品本身可以使用，请处理一下。' };
  const response = await postComplaint(
    chineseComplaint({
      ...text,
      customer: { name: '周敏', email: `controls-${randomUUID()}@example.com`, locale: 'zh-CN' },
      categoryHint: 'product-quality',
    }),
  );
  const { id } = (await response.json()) as { id: string };
  const complaint = await eventually(async () => {
    const current = await getComplaint(id);
    return current?.waitStage === 'firstResponse' ? current : undefined;
  });
  expect({ severity: complaint.severity, department: complaint.department }).toEqual({
    severity,
    department: 'quality',
  });
  return id;
};

/**
 * Posts an action at the complaint's current version; the workflow writes to an L1 complaint on its
 * own (emergency alert, mail), so a stale version is reloaded and tried again, as staff would.
 */
const act = async (token: string, id: string, action: Record<string, unknown>) => {
  for (let attempt = 1; ; attempt++) {
    const result = await staffAction(token, id, {
      ...action,
      expectedVersion: (await getComplaint(id))!.version,
    });
    if (result.status !== 409 || attempt === 5) return result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const must = async (token: string, id: string, action: Record<string, unknown>) => {
  const result = await act(token, id, action);
  expect(result.status, `${String(action.type)}: ${JSON.stringify(result.body)}`).toBe(200);
  return result.body;
};

/** Accepted and contacted: the complaint is under investigation. */
const investigated = async (severity: 'L1' | 'L3') => {
  const id = await complaintOf(severity);
  await must(agent, id, { type: 'accept' });
  await must(agent, id, { type: 'contact-customer', channel: 'phone', summary: '电话联系客户，确认情况' });
  return id;
};

const caseOf = async (token: string, id: string) =>
  (await (await staffRequest(token, `/v1/staff/complaints/${id}`)).json()) as {
    allowedActions: string[];
    pendingChange?: Record<string, unknown>;
    timeline: { type: string; details?: Record<string, unknown> }[];
  };

const resolve = { type: 'resolve', rootCause: 'process', outcome: 'resolved', summary: '已处理' };

describe('staff controls: an approval binds the resolution', () => {
  it('refuses resolving an approved L1 proposal with another remedy or a higher amount', async () => {
    const id = await investigated('L1');
    await must(agent, id, {
      type: 'propose-resolution',
      summary: '赔偿损失',
      remedy: 'compensation',
      amount: 2000,
    });
    await must(supervisor, id, { type: 'approve-proposal', note: '同意赔偿' });
    const before = (await getComplaint(id))!.version;

    const more = await act(agent, id, { ...resolve, remedy: 'compensation', amount: 3000 });
    expect(more.status).toBe(422);
    expect(more.body.detail).toBe(
      'the approved amount is 2000: a higher amount needs a new proposal and a new approval',
    );
    const other = await act(agent, id, { ...resolve, remedy: 'refund', amount: 2000 });
    expect(other.status).toBe(422);
    expect(other.body.detail).toMatch(/offers compensation, not refund/u);
    expect((await getComplaint(id))!).toMatchObject({ version: before, status: 'solution-proposed' });

    // The case page shows the offer and who approved it, in the proposal's events.
    const { timeline } = await caseOf(supervisor, id);
    expect(timeline.find((event) => event.type === 'resolution.proposed')?.details).toMatchObject({
      summary: '赔偿损失',
      remedy: 'compensation',
      amount: 2000,
      approval: 'pending',
      approverRole: 'supervisor',
    });
    expect(timeline.find((event) => event.type === 'proposal.approved')?.details).toEqual({
      note: '同意赔偿',
      proposedBy: 'agent-q1',
    });

    expect((await act(agent, id, { ...resolve, remedy: 'compensation', amount: 2000 })).status).toBe(200);
  }, 60_000);

  it('refuses a payout above the threshold on an L3 complaint without an approved proposal', async () => {
    const id = await investigated('L3');
    const payout = await act(agent, id, { ...resolve, remedy: 'refund', amount: 6000 });
    expect(payout.status).toBe(422);
    expect(payout.body.detail).toBe(
      'a payout above 5000 needs an approved proposal before the complaint is resolved',
    );
    expect((await getComplaint(id))!.status).toBe('investigating');
    const proposal = await must(agent, id, {
      type: 'propose-resolution',
      summary: '退款',
      remedy: 'refund',
      amount: 6000,
    });
    expect(proposal.proposal).toMatchObject({ approval: 'pending', approverRole: 'supervisor' });
    expect((await act(agent, id, { ...resolve, remedy: 'refund', amount: 6000 })).status).toBe(422);
  }, 60_000);

  it('answers 403 when a supervisor approves a payout above the manager threshold; a manager may', async () => {
    const id = await investigated('L3');
    const proposed = await must(agent, id, {
      type: 'propose-resolution',
      summary: '全额赔偿',
      remedy: 'compensation',
      amount: 60_000,
    });
    expect(proposed.proposal).toMatchObject({ approval: 'pending', approverRole: 'manager' });
    expect((await caseOf(supervisor, id)).allowedActions).not.toContain('approve-proposal');
    const bySupervisor = await act(supervisor, id, { type: 'approve-proposal' });
    expect(bySupervisor.status).toBe(403);
    expect((await getComplaint(id))!.proposal?.approval).toBe('pending');

    expect((await caseOf(manager, id)).allowedActions).toContain('approve-proposal');
    await must(manager, id, { type: 'approve-proposal', note: '特批' });
    const resolved = await must(agent, id, { ...resolve, remedy: 'compensation', amount: 60_000 });
    expect(resolved.status).toBe('resolved');
  }, 60_000);
});

describe('staff controls: an agent cannot lower a grade or reject an L1 complaint alone', () => {
  it('stores an agent’s lowering as a request a supervisor approves', async () => {
    const id = await complaintOf('L1');
    const lower = {
      category: 'product-quality',
      severity: 'L3',
      urgency: 'general',
      reason: '核实后非安全问题',
    };
    const requested = await must(agent, id, { type: 'reclassify', ...lower });
    expect(requested).toMatchObject({
      severity: 'L1',
      pendingChange: { kind: 'regrade', ...lower, requestedBy: 'agent-q1' },
    });
    expect((await getComplaint(id))!.severity).toBe('L1');

    const second = await act(agent, id, { type: 'reject', reason: 'invalid', note: '信息不实' });
    expect(second.status).toBe(422);
    expect(second.body.detail).toMatch(/waiting for a supervisor/u);
    expect((await act(agent, id, { type: 'approve-change' })).status).toBe(403);

    const approved = await must(supervisor, id, { type: 'approve-change', note: '同意' });
    expect(approved).toMatchObject({ severity: 'L3', urgency: 'general', finalGrade: { by: 'sup-q1' } });
    expect(approved.pendingChange).toBeUndefined();
    const { timeline } = await caseOf(supervisor, id);
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['change.requested', 'complaint.reclassified', 'change.approved']),
    );
    expect(timeline.find((event) => event.type === 'change.approved')?.details).toMatchObject({
      requestedBy: 'agent-q1',
      approvedBy: 'sup-q1',
    });
  }, 60_000);

  it('keeps an L1 complaint open when an agent rejects it, until a supervisor decides', async () => {
    const id = await complaintOf('L1');
    const requested = await must(agent, id, { type: 'reject', reason: 'malicious', note: '疑似恶意投诉' });
    expect(requested).toMatchObject({ status: 'received', pendingChange: { kind: 'reject' } });
    expect((await getComplaint(id))!.status).toBe('received');
    expect((await caseOf(supervisor, id)).allowedActions).toEqual(
      expect.arrayContaining(['approve-change', 'decline-change']),
    );

    const declined = await must(supervisor, id, { type: 'decline-change', note: '需先调查' });
    expect(declined.status).toBe('received');
    expect(declined.pendingChange).toBeUndefined();
    expect((await caseOf(supervisor, id)).timeline.map((event) => event.type)).toContain('change.declined');
  }, 60_000);
});

describe('staff controls: the actions offered depend on the caller', () => {
  it('never offers an agent a supervisor’s action, and refuses it with 403', async () => {
    const id = await investigated('L1');
    await must(agent, id, { type: 'propose-resolution', summary: '更换新品', remedy: 'replace' });
    const agentView = await caseOf(agent, id);
    expect(agentView.allowedActions.filter((type) => SUPERVISOR_ONLY.includes(type))).toEqual([]);
    expect(agentView.allowedActions).not.toContain('resolve');
    expect((await caseOf(supervisor, id)).allowedActions).toContain('approve-proposal');

    const illegal = await act(agent, id, { type: 'close' });
    expect(illegal.status).toBe(422);
    expect(illegal.body.allowed).toEqual(agentView.allowedActions);
  }, 60_000);
});
