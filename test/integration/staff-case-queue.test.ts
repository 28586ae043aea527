import { randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, eventually, postComplaint, sentEmails } from '../support/http.ts';
import { resolvedComplaint, staffAction, staffRequest } from '../support/staff-client.ts';
import type { CaseDetail, QueueRow, ThreadEntry } from '../../functions/domain/staff-view.ts';
import { withoutAccessTokens } from '../../functions/domain/sent-mail.ts';

await useLocalStack();
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');

const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'quality-agent-1' });
const otherAgent = await issueDevToken({
  role: 'agent',
  department: 'logistics',
  subject: 'logistics-agent-1',
});
const supervisor = await issueDevToken({
  role: 'supervisor',
  department: 'quality',
  subject: 'quality-supervisor',
});
const manager = await issueDevToken({ role: 'manager', subject: 'manager-1' });

interface QueuePage {
  items: QueueRow[];
  nextCursor: string | null;
}

const queue = async (token: string, query: Record<string, string>) => {
  const response = await staffRequest(token, `/v1/staff/complaints?${new URLSearchParams(query).toString()}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as QueuePage,
  };
};

const caseOf = async (token: string, id: string) =>
  (await (await staffRequest(token, `/v1/staff/complaints/${id}`)).json()) as CaseDetail;

/** A product-quality complaint (department "quality") with its own email and phone, once triaged. */
const complaintWithContacts = async () => {
  const email = `Search-${randomUUID()}@Example.com`;
  const digits = `137${String(randomInt(10_000_000, 99_999_999))}`;
  const phone = `+86 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`;
  const created = (await (
    await postComplaint(
      chineseComplaint({ customer: { name: '周敏', email, phone }, categoryHint: 'product-quality' }),
    )
  ).json()) as { id: string; reference: string; trackingToken: string };
  await eventually(async () =>
    (await getComplaint(created.id))?.waitStage === 'firstResponse' ? true : undefined,
  );
  return { ...created, email, digits };
};

const version = async (id: string) => (await getComplaint(id))!.version;

describe('staff queue: search', () => {
  it('finds a complaint by reference, by email in any case and by phone written any way; other departments see nothing', async () => {
    const { id, reference, email, digits } = await complaintWithContacts();
    const ids = async (token: string, q: string) =>
      (await queue(token, { q })).body.items.map((row) => row.id);

    expect(await ids(agent, reference.toLowerCase())).toEqual([id]);
    expect(await ids(agent, email.toUpperCase())).toEqual([id]);
    expect(await ids(manager, `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`)).toEqual([
      id,
    ]);
    expect(await ids(agent, `0086${digits}`)).toEqual([id]);
    // Department isolation holds for every kind of search.
    expect(await ids(otherAgent, reference)).toEqual([]);
    expect(await ids(otherAgent, email)).toEqual([]);
    expect(await ids(otherAgent, digits)).toEqual([]);
    // A row masks the customer's contact details as the queue always does.
    const [row] = (await queue(agent, { q: reference })).body.items;
    expect(row!.customer.email).not.toBe(email);

    const unreadable = await queue(agent, { q: '冰箱' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.type).toContain('application/problem+json');
  });
});

describe('staff queue: filters, sorting and cursors', () => {
  it('lists my cases, unassigned cases, and any status including rejected', async () => {
    const mine = await complaintWithContacts();
    const other = await complaintWithContacts();
    expect(
      (
        await staffAction(agent, mine.id, {
          type: 'assign',
          assignee: 'quality-agent-1',
          expectedVersion: await version(mine.id),
        })
      ).status,
    ).toBe(200);
    const listed = async (token: string, query: Record<string, string>, reference: string) =>
      (await queue(token, { ...query, reference: reference.slice(-6), limit: '100' })).body.items.map(
        (row) => row.id,
      );

    expect(await listed(agent, { assignee: 'me' }, mine.reference)).toEqual([mine.id]);
    expect(await listed(agent, { assignee: 'unassigned' }, mine.reference)).toEqual([]);
    expect(await listed(agent, { assignee: 'unassigned' }, other.reference)).toEqual([other.id]);

    expect(
      (
        await staffAction(agent, other.id, {
          type: 'reject',
          reason: 'invalid',
          note: '非本公司产品',
          expectedVersion: await version(other.id),
        })
      ).status,
    ).toBe(200);
    expect(await listed(agent, {}, other.reference)).toEqual([]);
    expect(await listed(agent, { status: 'any' }, other.reference)).toEqual([other.id]);
    expect(await listed(agent, { status: 'rejected' }, other.reference)).toEqual([other.id]);
  });

  it('sorts by submission time, priority and due time, and pages through the same order', async () => {
    // One person's queue of three, so complaints other tests add meanwhile stay out of it: assignees
    // come from the directory, and no other test assigns cases to the quality supervisor.
    const assignee = 'quality-supervisor';
    for (let count = 0; count < 3; count += 1) {
      const { id } = await complaintWithContacts();
      const assigned = await staffAction(supervisor, id, {
        type: 'assign',
        assignee,
        expectedVersion: await version(id),
      });
      expect(assigned.status).toBe(200);
    }
    const pages = async (query: Record<string, string>) => {
      const rows: QueueRow[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 5; page += 1) {
        const result = await queue(manager, {
          ...query,
          assignee,
          limit: '1',
          ...(cursor ? { cursor } : {}),
        });
        expect(result.status).toBe(200);
        rows.push(...result.body.items);
        cursor = result.body.nextCursor;
        if (!cursor) break;
      }
      return rows.map((row) => row.id);
    };
    const queries: Record<string, string>[] = [
      { sort: 'submitted', order: 'desc' },
      { sort: 'submitted', order: 'asc' },
      { sort: 'priority', order: 'asc' },
      { sort: 'priority', order: 'desc' },
      { sort: 'due', order: 'desc' },
      {},
    ];
    for (const query of queries) {
      const all = (await queue(manager, { ...query, assignee, limit: '10' })).body.items;
      expect(all).toHaveLength(3);
      // Pages of one list exactly what one page lists, in the same order.
      expect(await pages(query)).toEqual(all.map((row) => row.id));
      const keys = all.map((row) =>
        query.sort === 'submitted'
          ? row.submittedAt
          : query.sort === 'priority'
            ? `${row.priority ?? 'P9'}#${row.nextDueAt ?? row.submittedAt}`
            : (row.nextDueAt ?? row.submittedAt),
      );
      const sorted = keys.toSorted();
      expect(keys).toEqual(query.order === 'desc' ? sorted.toReversed() : sorted);
    }
  });

  it('answers 400 with a problem for a forged or malformed cursor, or one of another listing', async () => {
    await complaintWithContacts();
    await complaintWithContacts();
    const first = await queue(manager, { limit: '1' });
    const cursor = first.body.nextCursor!;
    expect(cursor).toBeTruthy();
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      k: Record<string, string>;
    };
    const forged = (change: (value: typeof decoded) => unknown) =>
      Buffer.from(JSON.stringify(change(structuredClone(decoded)))).toString('base64url');
    for (const [query, bad] of [
      [{}, 'garbage'],
      [{}, Buffer.from('{"pk":{"S":1}}').toString('base64url')],
      [{}, forged((value) => ({ ...value, k: { ...value.k, queueDueAt: 42 } }))],
      [{}, forged((value) => ({ ...value, k: { ...value.k, queueAll: 'all#done' } }))],
      [{}, forged((value) => ({ ...value, k: { ...value.k, pk: 'KPI#all' } }))],
      [{ sort: 'submitted' }, cursor],
    ] as const) {
      const response = await queue(manager, { ...query, limit: '1', cursor: bad });
      expect({ bad, status: response.status }).toEqual({ bad, status: 400 });
      expect(response.type).toContain('application/problem+json');
    }
    expect((await queue(manager, { limit: '1', cursor })).status).toBe(200);
  });
});

describe('staff case: the thread', () => {
  it("holds the complaint, the mail as the customer received it, and the customer's reply", async () => {
    const { id, email, trackingToken } = await complaintWithContacts();
    const act = async (action: Record<string, unknown>) =>
      expect((await staffAction(agent, id, { ...action, expectedVersion: await version(id) })).status).toBe(
        200,
      );
    await act({ type: 'accept' });
    await act({ type: 'contact-customer', channel: 'phone', summary: '电话联系，客户确认漏水' });
    await act({ type: 'request-info', message: '请提供购买凭证和漏水照片' });
    const asked = await eventually(async () =>
      (await sentEmails()).find(
        (mail) => mail.destination.to.includes(email) && mail.subject.includes('补充信息'),
      ),
    );
    const reply = await fetch(`${apiUrl()}/v1/complaints/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tracking-token': trackingToken },
      body: JSON.stringify({ message: '凭证和照片已上传到订单页面' }),
    });
    expect(reply.status).toBe(201);
    await act({ type: 'add-note', text: '已与质检确认为批次问题' });

    const detail = await caseOf(agent, id);
    const kinds = detail.thread.map((entry) => entry.kind);
    expect(kinds[0]).toBe('complaint');
    const mail = await eventually(async () => {
      const thread = (await caseOf(agent, id)).thread;
      return thread.find(
        (entry): entry is Extract<ThreadEntry, { kind: 'mail' }> =>
          entry.kind === 'mail' && entry.mailKind === 'info-request',
      );
    });
    expect(mail.subject).toBe(asked.subject);
    expect(mail.text).toBe(withoutAccessTokens(asked.body.text!));
    expect(mail.text).toContain('请提供购买凭证和漏水照片');
    expect(mail.text).not.toContain(encodeURIComponent(trackingToken));
    expect(detail.thread).toContainEqual(
      expect.objectContaining({
        kind: 'customer-message',
        text: '凭证和照片已上传到订单页面',
        author: { kind: 'customer' },
      }),
    );
    expect(detail.thread).toContainEqual(
      expect.objectContaining({ kind: 'note', internal: true, text: '已与质检确认为批次问题' }),
    );
    expect(detail.thread).toContainEqual(
      expect.objectContaining({ kind: 'contact', summary: '电话联系，客户确认漏水' }),
    );
    const ats = detail.thread.map((entry) => entry.at);
    expect(ats).toEqual(ats.toSorted());
    // The acknowledgement is kept too; the time zone is named; system noise is flagged in the timeline.
    expect(
      (await caseOf(agent, id)).thread.some(
        (entry) => entry.kind === 'mail' && entry.mailKind === 'acknowledgement',
      ),
    ).toBe(true);
    expect(detail.timeZone).toBe('Asia/Shanghai');
    expect(detail.timeline.find((event) => event.type === 'notification.sent')?.noise).toBe(true);
    const triaged = detail.timeline.find((event) => event.type === 'complaint.triaged');
    expect(triaged?.noise).toBe(false);
    expect(triaged?.type === 'complaint.triaged' && triaged.details.reasons.length).toBeGreaterThan(0);
  });

  it("shows the survey answer with the customer's comment, and the customer's other complaints", async () => {
    const { id, email } = await resolvedComplaint();
    const survey = await eventually(
      async () =>
        (await sentEmails()).find(
          (mail) => mail.destination.to.includes(email) && /^请评价/u.test(mail.subject),
        ),
      20_000,
    );
    const token = /\/survey\/\?t=([A-Za-z0-9_-]+)/u.exec(survey.body.text ?? '')![1]!;
    const answered = await fetch(`${apiUrl()}/v1/surveys/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ overall: 5, process: 4, result: 5, solved: 'yes', comment: '师傅上门很及时' }),
    });
    expect(answered.status).toBe(201);
    const detail = await caseOf(agent, id);
    expect(detail.thread).toContainEqual(
      expect.objectContaining({
        kind: 'survey-answer',
        overall: 5,
        process: 4,
        result: 5,
        solved: 'yes',
        comment: '师傅上门很及时',
      }),
    );
    expect(detail.thread).toContainEqual(
      expect.objectContaining({ kind: 'resolution', summary: '已为您更换新的电热水壶' }),
    );
    expect(detail.thread.some((entry) => entry.kind === 'mail' && entry.mailKind === 'survey')).toBe(true);

    // A second complaint of the same customer lists the first in its history.
    const second = (await (
      await postComplaint(
        chineseComplaint({ customer: { name: '李娜', email }, categoryHint: 'product-quality' }),
      )
    ).json()) as { id: string };
    const history = await eventually(async () => {
      const found = (await caseOf(agent, second.id)).customerHistory;
      return found?.length ? found : undefined;
    });
    expect(history.map(({ id: other, status, accessible }) => ({ other, status, accessible }))).toEqual([
      { other: id, status: 'closed', accessible: true },
    ]);
    expect(history[0]!.subject).toBeTruthy();
  });
});
