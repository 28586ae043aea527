import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { apiUrl, emailsTo, eventually, postComplaint } from '../support/http.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { staffAction } from '../support/staff-client.ts';

await useLocalStack();
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');

const track = (id: string, headers: Record<string, string> = {}, query = '') =>
  fetch(`${apiUrl()}/v1/complaints/${id}${query}`, { headers });

const reply = (id: string, token: string) =>
  fetch(`${apiUrl()}/v1/complaints/${id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tracking-token': token },
    body: JSON.stringify({ message: '照片已补充上传' }),
  });

/** A complaint past triage, waiting for its first response (so staff can act on it). */
const triagedComplaint = async () => {
  const email = `tracking-${randomUUID()}@example.com`;
  const created = (await (
    await postComplaint(chineseComplaint({ customer: { name: '赵敏', email } }))
  ).json()) as { id: string; trackingToken: string };
  await eventually(async () =>
    (await getComplaint(created.id))?.waitStage === 'firstResponse' ? true : undefined,
  );
  return { ...created, email };
};

describe('tracking tokens through the API', () => {
  it('are read from the x-tracking-token header; a token in the query string is a 404 like a wrong one', async () => {
    const { id, trackingToken } = await triagedComplaint();
    expect((await track(id, { 'x-tracking-token': trackingToken })).status).toBe(200);

    const fromQuery = await track(id, {}, `?token=${encodeURIComponent(trackingToken)}`);
    const wrong = await track(id, { 'x-tracking-token': `${trackingToken.slice(0, -1)}x` });
    expect(fromQuery.status).toBe(404);
    expect(wrong.status).toBe(404);
    // The same answer: the query string is no oracle for a token's validity.
    expect(await fromQuery.json()).toEqual(await wrong.json());
    const replyFromQuery = await fetch(
      `${apiUrl()}/v1/complaints/${id}/messages?token=${encodeURIComponent(trackingToken)}`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":"x"}' },
    );
    expect(replyFromQuery.status).toBe(404);
  });

  it('a supervisor revokes it: old links give 404, mail from then on carries a new link that works', async () => {
    const { id, trackingToken, email } = await triagedComplaint();
    const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-t1' });
    const supervisor = await issueDevToken({ role: 'supervisor', department: 'quality', subject: 'sup-t1' });
    const version = async () => (await getComplaint(id))!.version;

    const byAgent = await staffAction(agent, id, {
      type: 'revoke-tracking-token',
      expectedVersion: await version(),
      reason: '客户说链接被转发了',
    });
    expect(byAgent.status).toBe(403);

    const revoked = await staffAction(supervisor, id, {
      type: 'revoke-tracking-token',
      expectedVersion: await version(),
      reason: '客户说链接被转发了',
    });
    expect(revoked.status).toBe(200);
    const timeline = revoked.body.timeline as { type: string; customerVisible: boolean }[];
    expect(timeline).toContainEqual(
      expect.objectContaining({ type: 'tracking-token.revoked', customerVisible: false }),
    );
    expect((await track(id, { 'x-tracking-token': trackingToken })).status).toBe(404);
    expect((await reply(id, trackingToken)).status).toBe(404);

    // The next customer mail (a request for information) links with the new generation's token.
    expect((await staffAction(agent, id, { type: 'accept', expectedVersion: await version() })).status).toBe(
      200,
    );
    const asked = await staffAction(agent, id, {
      type: 'request-info',
      expectedVersion: await version(),
      message: '请上传购买凭证',
    });
    expect(asked.status).toBe(200);
    const mail = await eventually(async () =>
      (await emailsTo(email)).find((sent) => /补充信息/u.test(sent.subject)),
    );
    const newToken = decodeURIComponent(/#token=([\w.%-]+)/u.exec(mail.body.text ?? '')?.[1] ?? '');
    expect(newToken).toMatch(/^t2\.1\./u);
    expect((await track(id, { 'x-tracking-token': newToken })).status).toBe(200);
    expect((await reply(id, newToken)).status).toBe(201);
    expect((await track(id, { 'x-tracking-token': trackingToken })).status).toBe(404);
  });
});
