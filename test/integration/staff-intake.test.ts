import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { eventually, postComplaint, sentEmails } from '../support/http.ts';
import { loadStaffTokens, staffRequest } from '../support/staff-client.ts';

await useLocalStack();
const { agent } = await loadStaffTokens();
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');
// The stack's clock (business time runs faster in tests): receipt times are stated on it.
const { now } = await import('../../functions/adapters/clock.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
// An agent of another department than the one triage picks: logging is open to any agent.
const logisticsAgent = await issueDevToken({ role: 'agent', department: 'logistics', subject: 'agent-l9' });

const HOUR = 60 * 60 * 1000;

const logComplaint = (token: string | undefined, body: unknown, key = randomUUID()) =>
  staffRequest(token, '/v1/staff/complaints', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'idempotency-key': key },
  });

const hotlineCall = (phone: string, receivedAt: Date) => {
  const { customer: _customer, ...details } = chineseComplaint({ categoryHint: 'product-quality' });
  return {
    ...details,
    customer: { name: '周强', phone },
    channel: 'hotline',
    receivedAt: receivedAt.toISOString(),
  };
};

describe('complaints logged by staff (POST /v1/staff/complaints)', () => {
  it('logs a phone-only hotline complaint received two hours ago: clocks start then, no mail', async () => {
    const receivedAt = new Date(now().getTime() - 2 * HOUR);
    const phone = `+86 139 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const key = randomUUID();
    const response = await logComplaint(logisticsAgent, hotlineCall(phone, receivedAt), key);
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; reference: string; recordedLate: boolean };
    expect(created.recordedLate).toBe(false);

    const triaged = await eventually(async () => {
      const complaint = await getComplaint(created.id);
      return complaint?.sla ? complaint : undefined;
    });
    expect(triaged).toMatchObject({
      channel: 'hotline',
      receivedAt: receivedAt.toISOString(),
      loggedBy: { id: 'agent-l9' },
      customer: { name: '周强', phone },
    });
    expect(triaged.customer.email).toBeUndefined();
    expect(triaged.sla!.firstResponse.startedAt).toBe(receivedAt.toISOString());
    expect(triaged.sla!.resolution.startedAt).toBe(receivedAt.toISOString());
    expect(
      Date.parse(triaged.submittedAt) - Date.parse(triaged.sla!.firstResponse.startedAt),
    ).toBeGreaterThanOrEqual(2 * HOUR);

    // The agent who logged it follows it to its case, though triage routed it to quality.
    const view = await staffRequest(logisticsAgent, `/v1/staff/complaints/${created.id}`);
    expect(view.status).toBe(200);
    const detail = (await view.json()) as {
      loggedBy: { id: string };
      receivedAt: string;
      department: string;
    };
    expect(detail).toMatchObject({ loggedBy: { id: 'agent-l9' }, receivedAt: receivedAt.toISOString() });

    // Retried with the same key: the same complaint, nothing new.
    const replay = await logComplaint(logisticsAgent, hotlineCall(phone, receivedAt), key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { id: string }).id).toBe(created.id);

    // The workflow acknowledged nothing by mail: there is no address.
    await eventually(async () =>
      (await getComplaint(created.id))?.waitStage === 'firstResponse' ? true : undefined,
    );
    const mails = await sentEmails();
    expect(mails.filter((mail) => JSON.stringify(mail).includes(created.reference))).toEqual([]);
  });

  it('flags a complaint recorded later than one working day after receipt', async () => {
    const response = await logComplaint(
      agent,
      hotlineCall('+86 138 0000 1111', new Date(now().getTime() - 10 * 24 * HOUR)),
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as { id: string; recordedLate: boolean };
    expect(created.recordedLate).toBe(true);
    const case_ = await staffRequest(agent, `/v1/staff/complaints/${created.id}`);
    const detail = (await case_.json()) as { recordedLate: { dueAt: string }; timeline: { type: string }[] };
    expect(detail.recordedLate.dueAt).toEqual(expect.any(String));
    expect(detail.timeline.map((event) => event.type)).toContain('complaint.recorded-late');
  });

  it('refuses bad input with every field error at once', async () => {
    const future = new Date(now().getTime() + 2 * HOUR);
    const response = await logComplaint(agent, {
      ...hotlineCall('+86 138 0000 2222', future),
      customer: { name: '周强' },
      channel: 'web',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      'channel',
      'customer.phone',
      'receivedAt',
    ]);
  });

  it('is for staff only', async () => {
    const response = await logComplaint(undefined, hotlineCall('+86 138 0000 3333', new Date()));
    expect(response.status).toBe(401);
  });

  it('refuses a public submission that claims to be a hotline call', async () => {
    const response = await postComplaint({ ...chineseComplaint(), channel: 'hotline' });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([{ field: 'channel', message: 'must be one of web, api' }]);
  });
});
