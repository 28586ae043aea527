import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../functions/domain/staff-view.ts';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { eventually, postComplaint, sentEmails } from '../support/http.ts';
import { staffAction, staffRequest } from '../support/staff-client.ts';

/**
 * Co-handling and escalating before the timer (issue 19, items 3–4) on the local stack: an assist
 * to Legal in Legal's queue and blocking the resolution, a supervisor's override, keyword routing at
 * triage, and the assignee's warning before a breach.
 */

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');

const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'quality-agent-2' });
const supervisor = await issueDevToken({
  role: 'supervisor',
  department: 'quality',
  subject: 'quality-supervisor',
});
const legalAgent = await issueDevToken({ role: 'agent', department: 'legal', subject: 'legal-agent-1' });
const salesAgent = await issueDevToken({ role: 'agent', department: 'sales', subject: 'sales-agent-1' });

const LEGAL_SUPERVISORS = 'legal-supervisor@example.com';
/** legal-agent-1's name in local/staff-directory.json. */
const LEGAL_AGENT_NAME = '黄俊';
const SENIOR_MANAGEMENT = 'senior-management@example.com';

/** A quality complaint (L3 unless its words say otherwise), once the workflow waits for first contact. */
const complaintSaying = async (subject: string, description: string) => {
  const response = await postComplaint(
    chineseComplaint({
      subject,
      description,
      customer: { name: '周敏', email: `assists-${randomUUID()}@example.com`, locale: 'zh-CN' },
      categoryHint: 'product-quality',
    }),
  );
  expect(response.status).toBe(201);
  const { id, reference } = (await response.json()) as { id: string; reference: string };
  const complaint = await eventually(async () => {
    const current = await getComplaint(id);
    return current?.waitStage === 'firstResponse' ? current : undefined;
  });
  return { id, reference, complaint };
};

/** Posts an action at the current version, retrying once the workflow's own writes moved it on. */
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

/** Accepted and contacted: an L3 quality complaint under investigation. */
const investigated = async () => {
  const created = await complaintSaying('包装盒有压痕', '外包装盒有压痕，产品本身可以使用，请处理一下。');
  expect(created.complaint).toMatchObject({ severity: 'L3', department: 'quality' });
  await must(agent, created.id, { type: 'accept' });
  await must(agent, created.id, {
    type: 'contact-customer',
    channel: 'phone',
    summary: '电话联系客户，确认情况',
  });
  return created;
};

const caseOf = async (token: string, id: string) => {
  const response = await staffRequest(token, `/v1/staff/complaints/${id}`);
  return {
    status: response.status,
    body: (await response.json()) as {
      allowedActions: string[];
      assists?: { id: string; department: string; status: string; answer?: string }[];
      timeline: { type: string; details?: Record<string, unknown> }[];
    },
  };
};

const queueOf = async (token: string) => {
  const response = await staffRequest(token, '/v1/staff/complaints?limit=100');
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: QueueRow[] }).items;
};

const mailsAbout = async (reference: string, to: string, subjectMark: string) =>
  (await sentEmails()).filter(
    (mail) =>
      mail.destination.to.includes(to) &&
      mail.subject.includes(reference) &&
      mail.subject.includes(subjectMark),
  );

const resolve = {
  type: 'resolve',
  rootCause: 'process',
  outcome: 'resolved',
  summary: '已为客户处理',
  remedy: 'apology',
};
const askLegal = {
  type: 'request-assist',
  department: 'legal',
  question: '客户提到要投诉到消协，如何答复？',
  required: true,
};

describe('assists: Legal is asked to help on a quality case', () => {
  it("puts the assist in Legal's queue, lets Legal read and answer only, and blocks the resolution until answered", async () => {
    const { id, reference } = await investigated();
    const asked = await must(agent, id, askLegal);
    const assistId = (asked.assists as { id: string }[])[0]!.id;

    // Legal's supervisors are mailed once, with the case link.
    const [request] = await eventually(async () => {
      const mails = await mailsAbout(reference, LEGAL_SUPERVISORS, '协办请求');
      return mails.length > 0 ? mails : undefined;
    });
    expect(request!.subject).toBe(`【协办请求】${reference} 请法务部协助：包装盒有压痕`);
    expect(request!.body.text).toContain(`/console/#/case/${id}`);

    // The assist is a row of Legal's queue (sorted by its own due time), not the lead's case row.
    const row = (await queueOf(legalAgent)).find((candidate) => candidate.id === id);
    expect(row).toMatchObject({ assistId, department: 'legal', reference });
    expect(row!.nextDueAt).toBe((await getComplaint(id))!.assists![0]!.dueAt);
    expect((await queueOf(salesAgent)).some((candidate) => candidate.id === id)).toBe(false);

    // Legal may read the case and answer; anything else is refused and changes nothing.
    const asLegal = await caseOf(legalAgent, id);
    expect(asLegal.status).toBe(200);
    expect(asLegal.body.allowedActions).toEqual(['answer-assist']);
    expect((await caseOf(salesAgent, id)).status).toBe(403);
    const before = (await getComplaint(id))!.version;
    expect((await act(legalAgent, id, { type: 'add-note', text: '法务备注' })).status).toBe(403);
    expect((await act(legalAgent, id, resolve)).status).toBe(403);
    expect((await act(salesAgent, id, { type: 'answer-assist', assistId, answer: '不是我们' })).status).toBe(
      403,
    );

    // The lead cannot resolve while the required assist is open.
    expect((await caseOf(agent, id)).body.allowedActions).not.toContain('resolve');
    const refused = await act(agent, id, resolve);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/required assists are open \(legal\)/u);
    expect((await getComplaint(id))!).toMatchObject({ version: before, status: 'investigating' });

    await must(legalAgent, id, {
      type: 'answer-assist',
      assistId,
      answer: '可按七天无理由退换处理，无法律风险。',
    });
    const answered = await caseOf(agent, id);
    expect(answered.body.assists).toEqual([
      expect.objectContaining({
        id: assistId,
        status: 'answered',
        answer: '可按七天无理由退换处理，无法律风险。',
        // The lead department's console knows only its own staff: the name is kept with the answer.
        answeredBy: 'legal-agent-1',
        answeredByName: LEGAL_AGENT_NAME,
      }),
    ]);
    expect(answered.body.allowedActions).toContain('resolve');
    expect((await must(agent, id, resolve)).status).toBe('resolved');

    // Answered, the row leaves Legal's open queue; the request was mailed once only.
    await eventually(async () =>
      (await queueOf(legalAgent)).some((candidate) => candidate.id === id && candidate.nextDueAt !== null)
        ? undefined
        : true,
    );
    expect(await mailsAbout(reference, LEGAL_SUPERVISORS, '协办请求')).toHaveLength(1);
  }, 60_000);

  it('lets a supervisor resolve while the assist is open, with a reason that is audited', async () => {
    const { id } = await investigated();
    await must(agent, id, askLegal);
    expect((await act(supervisor, id, resolve)).status).toBe(422);
    const resolved = await must(supervisor, id, { ...resolve, overrideReason: '客户已撤回，无需法务意见' });
    expect(resolved.status).toBe('resolved');
    expect((resolved.assists as { status: string; cancelReason: string }[])[0]).toMatchObject({
      status: 'cancelled',
      cancelReason: '客户已撤回，无需法务意见',
    });
    const overridden = (await caseOf(supervisor, id)).body.timeline.find(
      (event) => event.type === 'assist.overridden',
    );
    expect(overridden?.details).toMatchObject({ reason: '客户已撤回，无需法务意见' });
  }, 60_000);
});

describe('keyword routing at triage', () => {
  it('asks Legal for a required assist when the complaint mentions a lawyer or a lawsuit', async () => {
    const { id, reference, complaint } = await complaintSaying(
      '水壶漏水',
      '水壶漏水严重，已经咨询了律师，再不处理就提起 lawsuit。',
    );
    expect(complaint.department).toBe('quality');
    expect(complaint.assists).toEqual([
      expect.objectContaining({
        department: 'legal',
        required: true,
        status: 'open',
        requestedBy: 'rule:legal-risk',
      }),
    ]);
    // Legal's supervisors hear of it at once, not at the first staff action.
    await eventually(async () => {
      const mails = await mailsAbout(reference, LEGAL_SUPERVISORS, '协办请求');
      return mails.length === 1 ? mails : undefined;
    });
    expect((await caseOf(agent, id)).body.allowedActions).not.toContain('resolve');
  }, 60_000);

  it('mails senior management once when the complaint threatens a Weibo exposure', async () => {
    const { reference, complaint } = await complaintSaying(
      '包装破损',
      '包装破损严重，不处理我就发微博曝光你们。',
    );
    expect(complaint.reputationAlertedAt).toBeDefined();
    const [alert] = await eventually(async () => {
      const mails = await mailsAbout(reference, SENIOR_MANAGEMENT, '声誉风险');
      return mails.length > 0 ? mails : undefined;
    });
    expect(alert!.body.text).toMatch(/微博/u);
    // The workflow goes on (acknowledgement sent, first-contact wait); the alert is not repeated.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await mailsAbout(reference, SENIOR_MANAGEMENT, '声誉风险')).toHaveLength(1);
  }, 60_000);
});

describe('pre-breach warning', () => {
  it("mails the assignee once at 75 % of the stage's time, before the escalation at the deadline", async () => {
    // A product-quality first response is due in 24 h (18 s at the test clock): warned after 18 h.
    const { id, reference, complaint } = await complaintSaying(
      '包装盒有压痕',
      '外包装盒有压痕，请处理一下。',
    );
    expect(complaint.sla?.firstResponse).toMatchObject({ rule: 'product-quality-first-response' });
    expect(complaint.sla!.firstResponse.warnAt).toBeDefined();
    await must(supervisor, id, { type: 'assign', assignee: 'quality-agent-1' });
    const assignee = 'wang.lei@example.com';

    const [warning] = await eventually(async () => {
      const mails = await mailsAbout(reference, assignee, '时限预警');
      return mails.length > 0 ? mails : undefined;
    }, 40_000);
    expect(warning!.subject).toBe(`【时限预警】您处理的 ${reference} 首次响应即将到期`);
    const dueAt = Date.parse((await getComplaint(id))!.sla!.firstResponse.dueAt);
    // Mailed before the deadline passed (the stack's clock runs 3600 times faster than the wall's).
    expect((await getComplaint(id))!.sla!.firstResponse.warnedAt! < new Date(dueAt).toISOString()).toBe(true);

    // After the deadline: the escalation speaks, the warning is not sent again.
    await eventually(async () => {
      const escalated = await mailsAbout(reference, assignee, '升级');
      return escalated.length > 0 ? escalated : undefined;
    }, 40_000);
    expect(await mailsAbout(reference, assignee, '时限预警')).toHaveLength(1);
  }, 90_000);
});
