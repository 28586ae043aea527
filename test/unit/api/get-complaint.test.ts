import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { allAwsCalls, dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { context, httpEvent, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/api/get-complaint.ts');
const { issueTrackingToken } = await import('../../../functions/adapters/tracking-token.ts');

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

const get = async (id: string, headers: Record<string, string>, query?: Record<string, string>) =>
  await handler(
    httpEvent({ headers, pathParameters: { id }, ...(query ? { queryStringParameters: query } : {}) }),
    context,
  );

const storedComplaint = (overrides: Record<string, unknown> = {}) =>
  dynamo.on(GetCommand, { Key: { pk: `COMPLAINT#${ID}`, sk: 'META' } }).resolves({
    Item: {
      pk: `COMPLAINT#${ID}`,
      sk: 'META',
      id: ID,
      reference: 'CMP-261123-ABCDEF',
      status: 'received',
      subject: '漏水',
      submittedAt: '2026-11-23T00:00:00.000Z',
      updatedAt: '2026-11-23T00:00:00.000Z',
      customer: { email: 'secret@example.com' },
      dueDates: {},
      ...overrides,
    },
  });

beforeEach(() => {
  stubAwsCalls();
  storedComplaint();
  dynamo.on(QueryCommand).resolves({
    Items: [
      { eventId: '1', at: '2026-11-23T00:00:00.000Z', type: 'complaint.received', customerVisible: true },
    ],
  });
});

describe('GET /v1/complaints/{id} handler', () => {
  it('returns the customer view for the right token in the x-tracking-token header', async () => {
    const response = await get(ID, { 'x-tracking-token': await issueTrackingToken(ID) });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toMatchObject({
      reference: 'CMP-261123-ABCDEF',
      timeline: [{ type: 'complaint.received' }],
    });
    expect(response.body).not.toContain('secret@example.com');
  });

  it('ignores a token in the query string: 404, the answer to a wrong token', async () => {
    const token = await issueTrackingToken(ID);
    const fromQuery = await get(ID, {}, { token });
    const wrong = await get(ID, { 'x-tracking-token': 'wrong' });
    expect(fromQuery.statusCode).toBe(404);
    expect(fromQuery.body).toBe(wrong.body);
  });

  it('answers 404 for a token of a revoked generation, and 200 for the new one', async () => {
    storedComplaint({ trackingTokenGeneration: 1 });
    expect((await get(ID, { 'x-tracking-token': await issueTrackingToken(ID, 0) })).statusCode).toBe(404);
    expect((await get(ID, { 'x-tracking-token': await issueTrackingToken(ID, 1) })).statusCode).toBe(200);
  });

  it('answers 404 a year after closing, 200 the day before', async () => {
    const token = await issueTrackingToken(ID);
    vi.useFakeTimers({ now: new Date('2027-11-22T00:00:00Z'), toFake: ['Date'] });
    try {
      storedComplaint({ status: 'closed', closedAt: '2026-11-23T00:00:00.000Z' });
      expect((await get(ID, { 'x-tracking-token': token })).statusCode).toBe(200);
      vi.setSystemTime(new Date('2027-11-23T00:00:00Z'));
      expect((await get(ID, { 'x-tracking-token': token })).statusCode).toBe(404);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers 404 without reading the table for a wrong token, a missing token or a malformed id', async () => {
    const token = await issueTrackingToken(ID);
    expect((await get(ID, { 'x-tracking-token': 'wrong' })).statusCode).toBe(404);
    expect((await get(ID, {})).statusCode).toBe(404);
    expect((await get('../../etc', { 'x-tracking-token': token })).statusCode).toBe(404);
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('answers 404 when the token is right but the complaint is gone', async () => {
    dynamo.on(GetCommand, { Key: { pk: `COMPLAINT#${ID}`, sk: 'META' } }).resolves({});
    const token = await issueTrackingToken(ID);
    expect((await get(ID, { 'x-tracking-token': token })).statusCode).toBe(404);
  });
});
