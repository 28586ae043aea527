import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, postComplaint } from '../support/http.ts';
import { context, httpEvent, TEST_SIGNING_KEY } from '../support/lambda.ts';
import { defaultPolicyDocument } from '../support/policy.ts';
import { useLocalStack } from '../support/stack-client.ts';
import { signedProofOfWorkHeaders } from '../support/proof-of-work.ts';

await useLocalStack();
// The intake handler in this process, on the stack's DynamoDB Local, with limits small enough to meet
// (the stack's own policy lifts them for the rest of the suite, which posts from one address).
const policyFile = join(mkdtempSync(join(tmpdir(), 'limits-')), 'policy.json');
writeFileSync(
  policyFile,
  JSON.stringify({
    ...defaultPolicyDocument(),
    limits: { complaintsPerAddressPerHour: 3, complaintsPerSourceIpPerHour: 5, proofOfWorkMaxCounter: 100 },
  }),
);
Object.assign(process.env, { POLICY_FILE: policyFile, TOKEN_SIGNING_KEY: TEST_SIGNING_KEY });
const { handler: submit } = await import('../../functions/api/submit-complaint.ts');
const { findCustomerComplaints } = await import('../../functions/adapters/complaint-repository.ts');
const { customerKeyFor } = await import('../../functions/domain/contact-keys.ts');

const submitFrom = async (sourceIp: string, email: string) => {
  const base = httpEvent();
  const response = await submit(
    {
      ...base,
      body: JSON.stringify(chineseComplaint({ customer: { name: '周强', email, locale: 'zh-CN' } })),
      headers: { ...base.headers, ...(await signedProofOfWorkHeaders()) },
      requestContext: { ...base.requestContext, http: { ...base.requestContext.http, sourceIp } },
    },
    context,
  );
  return { ...response, problem: JSON.parse(response.body ?? '{}') as { type?: string; status?: number } };
};

const randomIp = () => `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250)).join('.')}`;
const storedFor = async (email: string) =>
  (
    await findCustomerComplaints(
      customerKeyFor(email),
      // Submission times are on the stack's sped-up clock: any time at all.
      new Date(0),
      new Date('9999-12-31T00:00:00.000Z'),
    )
  ).length;

describe('limits on one party, counted in DynamoDB', () => {
  it('answers 429 with Retry-After for a 4th complaint for one address within the hour, storing nothing', async () => {
    const email = `flood-${randomUUID()}@example.com`;
    for (let i = 0; i < 3; i += 1) expect((await submitFrom(randomIp(), email)).statusCode).toBe(201);
    const refused = await submitFrom(randomIp(), email);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers?.['content-type']).toBe('application/problem+json');
    expect(Number(refused.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers?.['retry-after'])).toBeLessThanOrEqual(3600);
    expect(refused.problem).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    expect(await storedFor(email)).toBe(3);
  });

  it('answers 429 with Retry-After for a 6th complaint from one network address within the hour', async () => {
    const ip = randomIp();
    for (let i = 0; i < 5; i += 1)
      expect((await submitFrom(ip, `office-${randomUUID()}@example.com`)).statusCode).toBe(201);
    const email = `office-${randomUUID()}@example.com`;
    const refused = await submitFrom(ip, email);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(await storedFor(email)).toBe(0);
  });

  it('gives 30 concurrent customer messages on one complaint no 5xx: 20 an hour are stored, the rest 429 with Retry-After', async () => {
    const created = await postComplaint(
      chineseComplaint({
        customer: { name: '吴芳', email: `busy-${randomUUID()}@example.com`, locale: 'zh-CN' },
      }),
    );
    expect(created.status).toBe(201);
    const { id, trackingToken } = (await created.json()) as { id: string; trackingToken: string };
    const hourBefore = Math.floor(Date.now() / 3_600_000);
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        fetch(`${apiUrl()}/v1/complaints/${id}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tracking-token': trackingToken },
          body: JSON.stringify({ message: `补充说明 ${index}` }),
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    for (const response of responses.filter((candidate) => candidate.status === 429))
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    // Unless the hour turned during the burst, exactly the hourly bound got through.
    if (Math.floor(Date.now() / 3_600_000) === hourBefore) {
      expect(statuses.filter((status) => status === 201)).toHaveLength(20);
      expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    }
  }, 60_000);
});
