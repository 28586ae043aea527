import { randomUUID } from 'node:crypto';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { executionArnOf, useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { eventually, postComplaint, sentEmails } from '../support/http.ts';

await useLocalStack();
const { applyStageDecision } = await import('../../functions/app/apply-decision.ts');
const { getComplaint, listEvents } = await import('../../functions/adapters/complaint-repository.ts');
const { complaintStore } = await import('../../functions/adapters/complaint-store.ts');
const { workflowSignals } = await import('../../functions/adapters/workflow-signals.ts');
type StageDecision = Parameters<typeof applyStageDecision>[3];
/** A staff or customer change through the same use case the handlers call. */
const applyStageAction = (
  id: string,
  actor: Parameters<typeof applyStageDecision>[2],
  decide: StageDecision,
) => applyStageDecision({ store: complaintStore, signals: workflowSignals }, id, actor, decide);
const signalWorkflow = workflowSignals.signal;
const lifecycle = await import('../../functions/domain/lifecycle.ts');
const { currentPolicy } = await import('../../functions/adapters/policy-source.ts');

const sfn = new SFNClient({});
const staff = { kind: 'staff' as const, id: 'agent-1', role: 'agent' };

/** Submits a complaint and returns its id and reference once the workflow waits in `stage`. */
const submitAndWait = async (body: object, stage: 'firstResponse' | 'resolution' = 'firstResponse') => {
  const response = await postComplaint(body);
  expect(response.status).toBe(201);
  const { id, reference } = (await response.json()) as { id: string; reference: string };
  await eventually(async () => ((await getComplaint(id))?.waitStage === stage ? true : undefined), 15_000);
  return { id, reference };
};

const mailsAbout = async (reference: string) =>
  (await sentEmails()).filter((mail) => mail.subject.includes(reference));

const mailTo = (reference: string, recipient: string, subjectPart: string, timeoutMs = 20_000) =>
  eventually(async () => {
    const mails = await mailsAbout(reference);
    return mails.find(
      (mail) => mail.destination.to.includes(recipient) && mail.subject.includes(subjectPart),
    );
  }, timeoutMs);

const enteredStates = async (id: string) =>
  ((await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArnOf(id) }))).events ?? [])
    .filter((event) => event.type?.endsWith('StateEntered'))
    .map((event) => event.stateEnteredEventDetails?.name);

const l1Safety = () =>
  chineseComplaint({
    customer: { name: '赵敏', email: `l1-${randomUUID()}@example.com` },
    subject: '电暖器起火',
    description: '电暖器使用中突然起火冒烟，孩子的手被烫伤，请立即处理！',
    categoryHint: undefined,
  });

const l3Complaint = () =>
  chineseComplaint({
    customer: { name: '钱进', email: `l3-${randomUUID()}@example.com` },
    subject: '包装盒有压痕',
    description: '收到的商品外包装盒有明显压痕，商品本身可以使用。',
    categoryHint: 'other',
  });

describe('complaint lifecycle on the real state machine (local runtime, 3600× clock)', () => {
  it('happy path: staff contact and resolve; the workflow advances on each signal to the follow-up without escalation', async () => {
    const { id, reference } = await submitAndWait(l3Complaint());
    const triaged = await getComplaint(id);
    expect(triaged).toMatchObject({ severity: 'L3', department: 'customer-service', priority: 'P3' });
    expect(triaged?.preliminaryGrade?.reasons).toContainEqual({ aspect: 'severity', rule: 'default' });

    await applyStageAction(id, staff, (complaint, at) => lifecycle.decideFirstContact(complaint, at));
    await eventually(async () => ((await getComplaint(id))?.waitStage === 'resolution' ? true : undefined));
    await applyStageAction(id, staff, (complaint, at) => lifecycle.decideResolution(complaint, at));
    // Resolved: the workflow moves on to the follow-up.
    await eventually(async () => ((await getComplaint(id))?.waitStage === 'followUp' ? true : undefined));

    // One wake-up (AdvanceLifecycle, then its wait) per signal, no timeout in between.
    const states = await enteredStates(id);
    expect(states).toEqual([
      'Triage',
      'IsEmergency',
      'SendAcknowledgement',
      ...Array.from({ length: 3 }, () => ['AdvanceLifecycle', 'AwaitLifecycle']).flat(),
    ]);
    expect((await listEvents(id)).filter((event) => event.type === 'sla.escalated')).toEqual([]);
    const resolved = await getComplaint(id);
    expect(resolved?.sla?.firstResponse.onTime).toBe(true);
    expect(resolved?.sla?.resolution.onTime).toBe(true);
    // Only the customer was mailed (acknowledgement, then the result notice): no escalation.
    const mails = await mailsAbout(reference);
    expect(new Set(mails.flatMap((mail) => mail.destination.to))).toEqual(new Set([triaged!.customer.email]));
  });

  it('escalates a missed first response to the supervisor, then a missed resolution to the head and senior management', async () => {
    const { id, reference } = await submitAndWait(l1Safety());
    const complaint = await getComplaint(id);
    expect(complaint).toMatchObject({
      severity: 'L1',
      urgency: 'urgent',
      department: 'quality',
      priority: 'P1',
    });

    const level1 = await mailTo(reference, 'quality-supervisor@example.com', '升级 1');
    expect(level1.subject).toContain('首次响应');
    const afterLevel1 = await getComplaint(id);
    expect(afterLevel1?.sla?.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(afterLevel1?.sla?.firstResponse.breachedAt).toBeDefined();

    // Contact made late: the first-response stage ends; the resolution clock (24 h) runs on and,
    // when it runs out, the complaint moves on up from the level it has reached.
    await applyStageAction(id, staff, (current, at) => lifecycle.decideFirstContact(current, at));
    const level3 = await mailTo(reference, 'senior-management@example.com', '升级 3', 45_000);
    expect(level3.subject).toContain('处理完结');

    const events = await listEvents(id);
    const escalations = events
      .filter((event) => event.type === 'sla.escalated')
      .map((event) => ({ stage: event.details?.stage, level: event.details?.level }));
    // Levels rise one at a time; first-response escalations (how many depends on how fast the
    // contact came) all precede the resolution escalations.
    expect(escalations.map((escalation) => escalation.level)).toEqual([1, 2, 3].slice(0, escalations.length));
    expect(escalations[0]).toEqual({ stage: 'firstResponse', level: 1 });
    expect(escalations.at(-1)).toEqual({ stage: 'resolution', level: 3 });
    const firstResolution = escalations.findIndex((escalation) => escalation.stage === 'resolution');
    expect(escalations.slice(firstResolution).every((escalation) => escalation.stage === 'resolution')).toBe(
      true,
    );
    const mails = (await mailsAbout(reference)).filter((mail) => mail.subject.includes('升级'));
    const recipients = mails.toSorted((a, b) => a.at - b.at).map((mail) => mail.destination.to[0]);
    expect(recipients).toEqual(
      ['quality-supervisor@example.com', 'quality-head@example.com', 'senior-management@example.com'].slice(
        0,
        mails.length,
      ),
    );
    await applyStageAction(id, staff, (current, at) => lifecycle.decideResolution(current, at));
    // Resolved: the workflow moves on to the follow-up.
    await eventually(async () => ((await getComplaint(id))?.waitStage === 'followUp' ? true : undefined));
  }, 90_000);

  it('pauses the clock while awaiting the customer and resumes it, shifted by the time spent waiting', async () => {
    const { id, reference } = await submitAndWait(l1Safety());
    const before = await getComplaint(id);
    await applyStageAction(id, staff, (complaint, at) => lifecycle.decideAwaitCustomer(complaint, at));
    const paused = await getComplaint(id);
    expect(paused?.status).toBe('awaiting-customer');
    expect(paused?.sla?.firstResponse.pausedAt).toBeDefined();
    const escalationMails = async () =>
      (await mailsAbout(reference)).filter((mail) => mail.subject.includes('升级')).length;
    // Queued before the pause (on a slow machine the 2-hour deadline may already have passed).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const beforePause = await escalationMails();

    // Four real seconds are four hours of clock time, well past the deadline: yet nothing escalates.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await escalationMails()).toBe(beforePause);
    expect((await getComplaint(id))?.sla?.escalationLevel).toBe(paused?.sla?.escalationLevel);

    await applyStageAction(id, { kind: 'customer' }, (complaint, at) =>
      lifecycle.decideCustomerResponded(currentPolicy().calendar, complaint, at),
    );
    const resumed = await getComplaint(id);
    const shiftMs =
      Date.parse(resumed!.sla!.firstResponse.dueAt) - Date.parse(before!.sla!.firstResponse.dueAt);
    expect(shiftMs).toBeGreaterThanOrEqual(3.5 * 3600 * 1000);
    expect(resumed?.status).toBe('investigating');

    // The remaining time runs out after the pause: now it escalates.
    await eventually(async () => ((await escalationMails()) > beforePause ? true : undefined), 20_000);
    await applyStageAction(id, staff, (current, at) => lifecycle.decideResolution(current, at));
  }, 60_000);

  it('is unharmed by raced and stale signals', async () => {
    const { id } = await submitAndWait(l3Complaint());
    const staleToken = (await getComplaint(id))?.waitToken;
    // Contact, resolution and extra signals all at once.
    await Promise.all([
      applyStageAction(id, staff, (complaint, at) => lifecycle.decideFirstContact(complaint, at)),
      applyStageAction(id, staff, (complaint, at) => lifecycle.decideResolution(complaint, at)),
      getComplaint(id).then((complaint) => signalWorkflow(complaint!)),
    ]);
    // Resolved: the workflow moves on to the follow-up.
    await eventually(async () => ((await getComplaint(id))?.waitStage === 'followUp' ? true : undefined));
    // A signal for a stage long passed is harmless.
    await expect(signalWorkflow({ id, waitToken: staleToken })).resolves.toBe(false);
    const events = await listEvents(id);
    expect(events.filter((event) => event.type === 'complaint.resolved')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'customer.contacted').length).toBeLessThanOrEqual(1);
    expect(events.filter((event) => event.type === 'sla.escalated')).toEqual([]);
  });
});
