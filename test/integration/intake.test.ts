import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { chineseComplaint, englishComplaint } from '../support/fixtures.ts';
import { apiUrl, emailsTo, eventually, postComplaint } from '../support/http.ts';
import { localClientConfig } from '../../local/aws-local.ts';

const uniqueEmail = () => `c-${randomUUID()}@example.com`;

interface Created {
  id: string;
  reference: string;
  status: string;
  trackingToken: string;
  links: { self: string };
}

// Test-only inspection of the emulator's table; the product itself never scans.
const itemsFor = async (email: string) => {
  const client = new DynamoDBClient(localClientConfig(inject('dynamoDbUrl')));
  const { Items = [] } = await client.send(
    new ScanCommand({
      TableName: 'complaints',
      FilterExpression: 'customer.email = :email',
      ExpressionAttributeValues: { ':email': { S: email } },
      ConsistentRead: true,
    }),
  );
  client.destroy();
  return Items;
};

describe('public intake over HTTP', () => {
  it('stores a Chinese complaint, acknowledges it by email within 10 s and lets the customer track it', async () => {
    const email = uniqueEmail();
    const response = await postComplaint(
      chineseComplaint({ customer: { ...chineseComplaint().customer, email } }),
    );
    expect(response.status).toBe(201);
    const created = (await response.json()) as Created;
    expect(created).toMatchObject({ status: 'received', links: { self: `/v1/complaints/${created.id}` } });
    expect(created.reference).toMatch(/^CMP-\d{6}-[0-9A-Z]{6}$/u);
    expect(response.headers.get('location')).toBe(created.links.self);

    const [ack] = await eventually(async () => {
      const mails = await emailsTo(email);
      return mails.length > 0 ? mails : undefined;
    }, 10_000);
    expect(ack!.subject).toContain(created.reference);
    expect(ack!.subject).toContain('我们已收到您的投诉');
    // The link opens the web tracking page, served by the same local gateway.
    // The token in the fragment, which the browser keeps to itself; the page sends it as a header.
    const trackingPage = `${apiUrl()}/track/?id=${created.id}#token=${created.trackingToken}`;
    expect(ack!.body.text).toContain(trackingPage);
    expect(ack!.body.html).toContain(trackingPage);

    const tracked = await fetch(`${apiUrl()}${created.links.self}`, {
      headers: { 'x-tracking-token': created.trackingToken },
    });
    expect(tracked.status).toBe(200);
    const view = (await tracked.json()) as Record<string, unknown>;
    expect(view).toMatchObject({
      id: created.id,
      reference: created.reference,
      subject: '购买的电热水壶底部漏水',
    });
    expect(view).not.toHaveProperty('customer');
    await eventually(async () => {
      const latest = (await (
        await fetch(`${apiUrl()}${created.links.self}`, {
          headers: { 'x-tracking-token': created.trackingToken },
        })
      ).json()) as { timeline: { type: string }[] };
      return latest.timeline.some((entry) => entry.type === 'complaint.acknowledged') ? latest : undefined;
    });
  });

  it('acknowledges in English for an English-speaking customer', async () => {
    const email = uniqueEmail();
    const response = await postComplaint(
      englishComplaint({ customer: { name: 'Alice <b>Smith</b>', email, locale: 'en' } }),
    );
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as Created;
    const [ack] = await eventually(async () =>
      (await emailsTo(email)).length ? emailsTo(email) : undefined,
    );
    expect(ack!.subject).toBe(`We have received your complaint (ref. ${reference})`);
    // Nothing the sender typed is relayed to the address, escaped or not.
    expect(ack!.body.html).not.toContain('Smith');
    expect(ack!.body.text).not.toContain('Smith');
    expect(ack!.body.text).toContain(reference);
  });

  it('returns the same complaint for a retried Idempotency-Key and 409 for the same key with another body', async () => {
    const email = uniqueEmail();
    const body = englishComplaint({ customer: { name: 'Bob', email, locale: 'en' } });
    const key = randomUUID();
    const first = (await (await postComplaint(body, { 'idempotency-key': key })).json()) as Created;
    const retry = await postComplaint(body, { 'idempotency-key': key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(first);

    const other = await postComplaint(
      { ...body, subject: 'Something else entirely' },
      { 'idempotency-key': key },
    );
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect((await itemsFor(email)).length).toBe(1);
  });

  it('stores exactly one complaint for 10 concurrent retries with one key', async () => {
    const email = uniqueEmail();
    const body = chineseComplaint({ customer: { name: '李雷', email } });
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => postComplaint(body, { 'idempotency-key': key })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as Created).id)));
    expect(ids.size).toBe(1);
    expect((await itemsFor(email)).length).toBe(1);
    // …and exactly one acknowledgement, because one complaint means one workflow.
    await eventually(async () => ((await emailsTo(email)).length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it.each([
    ['an empty object', {}, ['customer', 'subject', 'description', 'consent']],
    ['no consent', { consent: { dataProcessing: false } }, ['consent.dataProcessing']],
    [
      'an unknown privacy notice version',
      { consent: { dataProcessing: true, privacyNoticeVersion: '2019-01' } },
      ['consent.privacyNoticeVersion'],
    ],
    ['a bad email', { customer: { name: '王', email: 'not-an-email' } }, ['customer.email']],
    ['an unknown field', { isVip: true }, ['isVip']],
    ['a subject of 201 Chinese characters', { subject: '投'.repeat(201) }, ['subject']],
    ['a future incident', { incidentAt: '2099-01-01T00:00:00+08:00' }, ['incidentAt']],
    ['a wrong type', { subject: 42 }, ['subject']],
  ])('rejects %s with 400 naming each bad field and stores nothing', async (_name, change, fields) => {
    const email = uniqueEmail();
    const base = chineseComplaint({ customer: { name: '王', email } });
    const body = Object.keys(change).length === 0 ? {} : { ...base, ...change };
    const response = await postComplaint(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((error) => error.field)).toEqual(expect.arrayContaining(fields));
    expect(await itemsFor(email)).toHaveLength(0);
  });

  it('accepts 200 Chinese characters in the subject', async () => {
    const response = await postComplaint(chineseComplaint({ subject: '投'.repeat(200) }));
    expect(response.status).toBe(201);
  });

  it('answers malformed JSON with 400, a wrong media type with 415 and an oversized body with 413', async () => {
    expect((await postComplaint('{"customer":')).status).toBe(400);
    const wrongType = await fetch(`${apiUrl()}/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(chineseComplaint()),
    });
    expect(wrongType.status).toBe(415);
    const huge = await postComplaint(chineseComplaint({ description: '长'.repeat(30_000) }));
    expect(huge.status).toBe(413);
    const badKey = await postComplaint(chineseComplaint(), { 'idempotency-key': 'x'.repeat(200) });
    expect(badKey.status).toBe(400);
  });

  it('answers a wrong token and an unknown id with the same 404', async () => {
    const created = (await (await postComplaint(chineseComplaint())).json()) as Created;
    // Flip a character to a different one: a fixed replacement is the same token 1 time in 16.
    const last = created.trackingToken.at(-1);
    const wrongToken = await fetch(`${apiUrl()}/v1/complaints/${created.id}`, {
      headers: { 'x-tracking-token': `${created.trackingToken.slice(0, -1)}${last === 'A' ? 'Q' : 'A'}` },
    });
    const unknownId = await fetch(`${apiUrl()}/v1/complaints/01ARZ3NDEKTSV4RRFFQ69G5FAV`, {
      headers: { 'x-tracking-token': created.trackingToken },
    });
    const noToken = await fetch(`${apiUrl()}/v1/complaints/${created.id}`);
    expect([wrongToken.status, unknownId.status, noToken.status]).toEqual([404, 404, 404]);
    expect(await wrongToken.json()).toEqual(await unknownId.json());
  });

  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expect((await fetch(`${apiUrl()}/v1/nothing-here`)).status).toBe(404);
    expect((await fetch(`${apiUrl()}/v1/complaints`, { method: 'DELETE' })).status).toBe(405);
  });
});
