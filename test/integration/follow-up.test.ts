import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { executionArnOf, useLocalStack } from '../support/stack-client.ts';
import { apiUrl, eventually, postComplaint, sentEmails, type SentEmail } from '../support/http.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { resolvedComplaint, staffAction } from '../support/staff-client.ts';

await useLocalStack();
const { getComplaint, listEvents } = await import('../../functions/adapters/complaint-repository.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');

const sfn = new SFNClient({});

const executionStatus = async (id: string) =>
  (await sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOf(id) }))).status;

const mailTo = (address: string, subject: RegExp) =>
  eventually(async () =>
    (await sentEmails()).find((mail) => mail.destination.to.includes(address) && subject.test(mail.subject)),
  );

/** The survey token from the link in a survey email (text part). */
const surveyToken = (mail: SentEmail): string => {
  const match = /\/survey\/\?t=([A-Za-z0-9_-]+)(?!&opt-out)/u.exec(mail.body.text ?? '');
  if (!match?.[1]) throw new Error(`no survey link in:\n${mail.body.text}`);
  return match[1];
};

const survey = (token: string, init: RequestInit = {}) =>
  fetch(`${apiUrl()}/v1/surveys/${token}`, {
    ...init,
    headers: init.body ? { 'content-type': 'application/json' } : {},
  });

const answer = (token: string, body: Record<string, unknown>) =>
  survey(token, { method: 'POST', body: JSON.stringify(body) });

describe('follow-up after resolution (scaled clock: survey 2 s after resolution, window 12 s)', () => {
  it('result notice → survey mail → rated 5 via the link → closed; a second answer is 409', async () => {
    const { id, reference, email } = await resolvedComplaint();

    const notice = await mailTo(email, /已处理完毕/u);
    expect(notice.body.text).toContain(reference);
    expect(notice.body.text).toContain('已为您更换新的电热水壶');
    const mail = await mailTo(email, /^请评价/u);
    expect(mail.body.html).toContain('/survey/?t=');
    const token = surveyToken(mail);
    expect(token).not.toContain(id);

    const page = await survey(token);
    expect(page.status).toBe(200);
    const view = (await page.json()) as {
      reference: string;
      locale: string;
      status: string;
      questions: unknown[];
    };
    expect(view).toMatchObject({ reference, locale: 'zh-CN', status: 'open' });
    expect(view.questions).toHaveLength(5);
    expect(JSON.stringify(view)).not.toContain(email);

    // Bad input is refused and changes nothing.
    const versionBefore = (await getComplaint(id))!.version;
    expect((await answer(token, { overall: 6, process: 5, result: 5, solved: 'yes' })).status).toBe(400);
    expect((await answer(token, { overall: 5 })).status).toBe(400);
    expect((await getComplaint(id))!.version).toBe(versionBefore);

    const answered = await answer(token, {
      overall: 5,
      process: 4,
      result: 5,
      solved: 'yes',
      comment: '很满意',
    });
    expect(answered.status).toBe(201);
    expect(await answered.json()).toEqual({ reference, outcome: 'closed' });
    const again = await answer(token, { overall: 1, process: 1, result: 1, solved: 'no' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toMatch(/already been answered/u);

    await eventually(async () => ((await executionStatus(id)) === 'SUCCEEDED' ? true : undefined), 20_000);
    const complaint = (await getComplaint(id))!;
    expect(complaint.status).toBe('closed');
    expect(complaint.followUp?.answer).toMatchObject({ overall: 5, solved: 'yes' });
    expect(((await (await survey(token)).json()) as { status: string }).status).toBe('answered');
    const types = (await listEvents(id)).map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining(['resolution.notified', 'survey.sent', 'survey.answered', 'complaint.closed']),
    );
  }, 60_000);

  it('rated 1 → reopened at a raised priority, supervisors alerted, the resolution clock restarted', async () => {
    const { id, reference, email } = await resolvedComplaint();
    const before = (await getComplaint(id))!;
    const token = surveyToken(await mailTo(email, /^请评价/u));

    const answered = await answer(token, {
      overall: 1,
      process: 2,
      result: 1,
      solved: 'no',
      comment: '还是漏水',
    });
    expect(answered.status).toBe(201);
    expect(await answered.json()).toEqual({ reference, outcome: 'reopened' });

    const alert = await mailTo('quality-supervisor@example.com', new RegExp(`重新打开.*${reference}`, 'u'));
    expect(alert.body.text).toContain('还是漏水');
    // The customer is told too, by the workflow's delivery of the same outbox.
    const told = await mailTo(email, /已重新处理/u);
    expect(told.body.text).toContain(reference);
    // The workflow went back to the resolution stage, on a fresh clock.
    const reopened = await eventually(async () => {
      const complaint = await getComplaint(id);
      return complaint?.waitStage === 'resolution' ? complaint : undefined;
    });
    expect(reopened.status).toBe('investigating');
    expect(reopened.reopenCount).toBe(1);
    expect(reopened.priority! < before.priority!).toBe(true);
    expect(reopened.sla?.resolution.completedAt).toBeUndefined();
    expect(Date.parse(reopened.sla!.resolution.startedAt)).toBeGreaterThan(
      Date.parse(before.sla!.resolution.startedAt),
    );
    expect(await executionStatus(id)).toBe('RUNNING');
  }, 60_000);

  it('no answer → one reminder → closed as "no response"; the link then answers 410', async () => {
    const { id, email } = await resolvedComplaint();
    const token = surveyToken(await mailTo(email, /^请评价/u));
    const reminder = await mailTo(email, /^【提醒】请评价/u);
    expect(surveyToken(reminder)).not.toBe(token);

    await eventually(async () => ((await executionStatus(id)) === 'SUCCEEDED' ? true : undefined), 20_000);
    const complaint = (await getComplaint(id))!;
    expect(complaint.status).toBe('closed');
    expect(complaint.followUp?.noResponseAt).toBeDefined();
    const events = await listEvents(id);
    expect(events.filter((event) => event.type === 'survey.reminded')).toHaveLength(1);
    expect(events.find((event) => event.type === 'complaint.closed')?.details).toEqual({
      reason: 'no-response',
    });

    const late = await answer(token, { overall: 5, process: 5, result: 5, solved: 'yes' });
    expect(late.status).toBe(410);
    expect(
      (await sentEmails()).filter(
        (mail) => mail.destination.to.includes(email) && /请评价/u.test(mail.subject),
      ),
    ).toHaveLength(2);
  }, 60_000);

  it('opting out stops the reminder; forged links are 404 and change nothing', async () => {
    const { id, email } = await resolvedComplaint();
    const token = surveyToken(await mailTo(email, /^请评价/u));
    const optOut = await survey(`${token}/opt-out`, { method: 'POST' });
    expect(optOut.status).toBe(200);
    expect((await getComplaint(id))!.followUpOptOut).toBe(true);

    const forged = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect((await survey(forged)).status).toBe(404);
    expect((await answer(forged, { overall: 5, process: 5, result: 5, solved: 'yes' })).status).toBe(404);
    expect((await survey('not-a-token')).status).toBe(404);

    await eventually(async () => ((await executionStatus(id)) === 'SUCCEEDED' ? true : undefined), 20_000);
    expect(
      (await sentEmails()).filter(
        (mail) => mail.destination.to.includes(email) && /提醒/u.test(mail.subject),
      ),
    ).toEqual([]);
  }, 60_000);
});

describe('end of the lifecycle (scaled clock: reopen window 3 h = 3 s)', () => {
  const supervisorToken = () =>
    issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-end' });

  const closedBySurvey = async () => {
    const resolved = await resolvedComplaint();
    const token = surveyToken(await mailTo(resolved.email, /^请评价/u));
    expect((await answer(token, { overall: 4, process: 4, result: 4, solved: 'yes' })).status).toBe(201);
    return resolved;
  };

  const reopen = async (id: string) =>
    staffAction(await supervisorToken(), id, {
      type: 'reopen',
      reason: '客户来电：把手又松了',
      expectedVersion: (await getComplaint(id))!.version,
    });

  it('a supervisor reopens a closed complaint within the window: the same execution resumes the resolution stage', async () => {
    const { id } = await closedBySurvey();
    // Closed, and the workflow waits out the reopen window.
    await eventually(async () => {
      const complaint = await getComplaint(id);
      return complaint?.status === 'closed' && complaint.waitStage === 'followUp' ? true : undefined;
    });
    expect(await executionStatus(id)).toBe('RUNNING');

    const reopened = await reopen(id);
    expect(reopened.status).toBe(200);
    const back = await eventually(async () => {
      const complaint = await getComplaint(id);
      return complaint?.waitStage === 'resolution' ? complaint : undefined;
    });
    expect(back).toMatchObject({ status: 'investigating', reopenCount: 1 });
    expect(back.sla?.resolution.completedAt).toBeUndefined();
    expect(await executionStatus(id)).toBe('RUNNING');
  }, 60_000);

  it('after the window the lifecycle ends and reopening is refused with the reason, changing nothing', async () => {
    const { id } = await closedBySurvey();
    await eventually(async () => ((await executionStatus(id)) === 'SUCCEEDED' ? true : undefined), 20_000);
    const before = (await getComplaint(id))!;
    const refused = await reopen(id);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/reopen window ended/u);
    expect((await getComplaint(id))!.version).toBe(before.version);
  }, 60_000);

  it('a rejected complaint is told why and ends its lifecycle without follow-up mail', async () => {
    const email = `rejected-${crypto.randomUUID()}@example.com`;
    const { id } = (await (
      await postComplaint(chineseComplaint({ customer: { name: '赵六', email } }))
    ).json()) as { id: string };
    await eventually(async () =>
      (await getComplaint(id))?.waitStage === 'firstResponse' ? true : undefined,
    );
    const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-end' });
    const rejected = await staffAction(agent, id, {
      type: 'reject',
      reason: 'not-our-responsibility',
      note: '第三方商家售出',
      expectedVersion: (await getComplaint(id))!.version,
    });
    expect(rejected.status).toBe(200);
    await eventually(async () => ((await executionStatus(id)) === 'SUCCEEDED' ? true : undefined), 20_000);
    expect((await getComplaint(id))!.status).toBe('rejected');
    const notice = await mailTo(email, /受理决定/u);
    expect(notice.body.text).toContain('不属于本公司的责任范围');
    expect(notice.body.text).not.toContain('第三方商家售出');
    expect(
      (await sentEmails()).filter(
        (mail) => mail.destination.to.includes(email) && /已处理完毕|请评价/u.test(mail.subject),
      ),
    ).toEqual([]);
  }, 60_000);
});
