import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { apiUrl, emailsTo, eventually, postComplaint } from '../support/http.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { proofOfWorkHeaders } from '../support/proof-of-work.ts';
import { loadStaffTokens, resolvedComplaint, staffAction } from '../support/staff-client.ts';

await useLocalStack();
const { getComplaint, listEvents } = await import('../../functions/adapters/complaint-repository.ts');

/** What a refused message must not change (the workflow may still write its own bookkeeping). */
const customerSide = async (id: string) => ({
  status: (await getComplaint(id))!.status,
  reopenCount: (await getComplaint(id))!.reopenCount,
  replies: (await listEvents(id)).filter((event) => event.type === 'customer.replied').length,
});

const lookup = async (body: unknown, proof = true) =>
  fetch(`${apiUrl()}/v1/complaints/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(proof ? await proofOfWorkHeaders(apiUrl()) : {}) },
    body: JSON.stringify(body),
  });

const respond = (id: string, token: string, body: unknown) =>
  fetch(`${apiUrl()}/v1/complaints/${id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tracking-token': token },
    body: JSON.stringify(body),
  });

const newComplaint = async () => {
  const email = `lookup-${randomUUID()}@example.com`;
  const created = (await (
    await postComplaint(chineseComplaint({ customer: { name: '王芳', email } }))
  ).json()) as { id: string; reference: string; trackingToken: string };
  return { ...created, email };
};

const linkMails = async (email: string) =>
  (await emailsTo(email)).filter((mail) => mail.subject.includes('查询链接'));

describe('find my complaint (POST /v1/complaints/lookup)', () => {
  it('answers the same 202 whether or not reference and email match, and mails only on a match, once per interval', async () => {
    const { id, reference, email } = await newComplaint();

    const wrongEmail = await lookup({ reference, email: 'someone-else@example.com' });
    const unknown = await lookup({ reference: 'CMP-200101-AAAAAA', email });
    const matching = await lookup({ reference: reference.toLowerCase(), email: email.toUpperCase() });
    for (const response of [wrongEmail, unknown, matching]) {
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ status: 'accepted' });
    }
    const mail = await eventually(async () => (await linkMails(email))[0]);
    expect(mail.body.text).toContain(`/track/?id=${id}#token=`);
    expect(await linkMails('someone-else@example.com')).toHaveLength(0);

    // Asking again within the interval still answers 202 but mails nothing more.
    const again = await lookup({ reference, email });
    expect(again.status).toBe(202);
    expect((await getComplaint(id))?.trackingLinkMailedAt).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await linkMails(email)).toHaveLength(1);
    expect((await getComplaint(id))?.outbox ?? []).toEqual([]);
  }, 30_000);

  it('mails the link once for a burst of concurrent lookups, however the senders interleave', async () => {
    const { id, reference, email } = await newComplaint();
    // Every request queues or finds the same outbox entry and tries to send it, while the workflow
    // (woken by the change) delivers the outbox too: the entry's delivery claim lets one send.
    const responses = await Promise.all(Array.from({ length: 10 }, () => lookup({ reference, email })));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(202));
    await eventually(async () => (await linkMails(email))[0]);
    // Sent and removed from the outbox: a sender still under way could only find the claim taken.
    await eventually(async () => ((await getComplaint(id))?.outbox?.length === 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await linkMails(email)).toHaveLength(1);
  }, 30_000);

  it('refuses a lookup without a proof of work (403), mailing nothing', async () => {
    const { reference, email } = await newComplaint();
    const response = await lookup({ reference, email }, false);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { type: string }).type).toBe('/problems/proof-of-work-required');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await linkMails(email)).toHaveLength(0);
  });

  it('refuses a malformed request with 400 naming the fields', async () => {
    const response = await lookup({ reference: 'nope', email: 'x' });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['email', 'reference']);
  });
});

describe('Not satisfied? Tell us (POST /v1/complaints/{id}/messages with reopen)', () => {
  it('reopens a resolved complaint, records the message and mails the customer', async () => {
    const { id, reference, trackingToken, email } = await resolvedComplaint();
    const response = await respond(id, trackingToken, { message: '问题仍未解决', reopen: true });
    expect(response.status).toBe(201);
    const reopened = (await getComplaint(id))!;
    expect(reopened.status).toBe('investigating');
    expect(reopened.reopenCount).toBe(1);
    const told = await eventually(async () =>
      (await emailsTo(email)).find((mail) => mail.subject.includes('已重新处理')),
    );
    expect(told.body.text).toContain(reference);
    const view = (await (
      await fetch(`${apiUrl()}/v1/complaints/${id}`, { headers: { 'x-tracking-token': trackingToken } })
    ).json()) as { reopenedAt: string | null; timeline: { message?: string }[] };
    expect(view.reopenedAt).not.toBeNull();
    expect(view.timeline.some((entry) => entry.message === '问题仍未解决')).toBe(true);
  }, 60_000);

  it('refuses a complaint that is not resolved (422) and a rejected one (409), changing nothing', async () => {
    const open = await newComplaint();
    await eventually(async () =>
      (await getComplaint(open.id))?.waitStage === 'firstResponse' ? true : undefined,
    );
    const before = await customerSide(open.id);
    const notResolved = await respond(open.id, open.trackingToken, { message: '不满意', reopen: true });
    expect(notResolved.status).toBe(422);
    expect(((await notResolved.json()) as { type: string }).type).toBe('/problems/not-resolved');
    expect(await customerSide(open.id)).toEqual(before);

    const { agent } = await loadStaffTokens();
    const rejected = await staffAction(agent, open.id, {
      type: 'reject',
      reason: 'invalid',
      note: '内容不成立',
      expectedVersion: (await getComplaint(open.id))!.version,
    });
    expect(rejected.status).toBe(200);
    const rejectedState = await customerSide(open.id);
    const late = await respond(open.id, open.trackingToken, { message: '不满意', reopen: true });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { type: string }).type).toBe('/problems/reopen-window-over');
    expect(await customerSide(open.id)).toEqual(rejectedState);
  }, 60_000);
});
