import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, emailsTo, postComplaint } from '../support/http.ts';
import { proofOfWorkHeaders } from '../support/proof-of-work.ts';
import { useLocalStack } from '../support/stack-client.ts';

await useLocalStack();
const { findCustomerComplaints } = await import('../../functions/adapters/complaint-repository.ts');
const { customerKeyFor } = await import('../../functions/domain/contact-keys.ts');

const storedFor = async (email: string) =>
  (await findCustomerComplaints(customerKeyFor(email), new Date(0), new Date('9999-12-31T00:00:00.000Z')))
    .length;

const complaintFor = (email: string) =>
  chineseComplaint({ customer: { name: '周强', email, locale: 'zh-CN' } });

const problemType = async (response: Response) => ((await response.json()) as { type?: string }).type;

describe('proof of work on the local stack', () => {
  it('refuses a complaint without a solution (403), storing and mailing nothing', async () => {
    const email = `no-work-${randomUUID()}@example.com`;
    const response = await fetch(`${apiUrl()}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(complaintFor(email)),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await problemType(response)).toBe('/problems/proof-of-work-required');
    expect(await storedFor(email)).toBe(0);
    expect(await emailsTo(email)).toEqual([]);
  });

  it('accepts a complaint with a solved challenge, and refuses the same solution again', async () => {
    const email = `work-${randomUUID()}@example.com`;
    const proof = await proofOfWorkHeaders(apiUrl());
    expect((await postComplaint(complaintFor(email), proof)).status).toBe(201);
    // Replayed as is: a new idempotency key and a new body make no difference.
    const replay = await postComplaint(
      { ...complaintFor(email), subject: '再来一次' },
      { ...proof, 'idempotency-key': randomUUID() },
    );
    expect(replay.status).toBe(403);
    expect(await problemType(replay)).toBe('/problems/proof-of-work-already-used');
    expect(await storedFor(email)).toBe(1);
  });

  it('lets one solution through when the same one is sent twice at once', async () => {
    const email = `race-${randomUUID()}@example.com`;
    const proof = await proofOfWorkHeaders(apiUrl());
    const statuses = await Promise.all(
      [1, 2].map(
        async (n) => (await postComplaint({ ...complaintFor(email), subject: `并发 ${n}` }, proof)).status,
      ),
    );
    expect(statuses.sort()).toEqual([201, 403]);
    expect(await storedFor(email)).toBe(1);
  });
});
