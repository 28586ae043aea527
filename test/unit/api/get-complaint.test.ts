import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
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

beforeEach(() => {
  stubAwsCalls();
  dynamo.on(GetCommand).resolves({
    Item: {
      pk: `COMPLAINT#${ID}`,
      sk: 'META',
      id: ID,
      reference: 'CMP-261123-ABCDEF',
      status: 'received',
      subject: '漏水',
      submittedAt: '2026-11-23T00:00:00.000Z',
      customer: { email: 'secret@example.com' },
      dueDates: {},
    },
  });
  dynamo.on(QueryCommand).resolves({
    Items: [
      { eventId: '1', at: '2026-11-23T00:00:00.000Z', type: 'complaint.received', customerVisible: true },
    ],
  });
});

describe('GET /v1/complaints/{id} handler', () => {
  it('returns the customer view for the right token, from the header or the query', async () => {
    const token = await issueTrackingToken(ID);
    for (const response of [await get(ID, { 'x-tracking-token': token }), await get(ID, {}, { token })]) {
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body!)).toMatchObject({
        reference: 'CMP-261123-ABCDEF',
        timeline: [{ type: 'complaint.received' }],
      });
      expect(response.body).not.toContain('secret@example.com');
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
    dynamo.on(GetCommand).resolves({});
    const token = await issueTrackingToken(ID);
    expect((await get(ID, { 'x-tracking-token': token })).statusCode).toBe(404);
  });
});
