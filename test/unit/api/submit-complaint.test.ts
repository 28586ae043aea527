import { beforeEach, describe, expect, it, vi } from 'vitest';
import { callsOf, stubAwsCalls } from '../../support/aws-calls.ts';
import { AwsServiceError } from '../../../functions/adapters/aws/aws-error.ts';
import { documentDb } from '../../../functions/adapters/aws/dynamodb.ts';
import { chineseComplaint } from '../../support/fixtures.ts';
import { context, httpEvent, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/api/submit-complaint.ts');
const { requestFingerprint } = await import('../../../functions/adapters/intake-store.ts');
const { validateIntake } = await import('../../../functions/domain/intake.ts');

const submit = async (body: string, headers: Record<string, string> = {}) =>
  await handler(httpEvent({ body, headers: { 'content-type': 'application/json', ...headers } }), context);

const canceled = (codes: string[]) =>
  new AwsServiceError(
    'TransactionCanceledException',
    'canceled',
    400,
    codes.map((Code) => ({ Code })),
  );

beforeEach(() => {
  stubAwsCalls();
});

describe('POST /v1/complaints handler', () => {
  it('writes complaint, reference, first event and idempotency record in one transaction', async () => {
    vi.spyOn(documentDb, 'transactWrite').mockResolvedValue(undefined);
    const response = await submit(JSON.stringify(chineseComplaint()), { 'idempotency-key': 'key-1' });
    expect(response.statusCode).toBe(201);
    const calls = vi.mocked(documentDb.transactWrite).mock.calls;
    expect(calls).toHaveLength(1);
    const items = calls[0]![0].TransactItems!;
    expect(items.map((item) => item.Put?.Item?.entity as unknown)).toEqual([
      'complaint',
      'reference',
      'event',
      'idempotency',
    ]);
    expect(items[0]!.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    const body = JSON.parse(response.body!) as { id: string; trackingToken: string };
    expect(items[0]!.Put!.Item!.id).toBe(body.id);
    expect(body.trackingToken).toMatch(/^t2\.0\.[\w-]{43}$/u);
  });

  it('replays the stored complaint when the key was used with the same body', async () => {
    const request = chineseComplaint();
    const validation = validateIntake(request, new Date());
    if (!validation.ok) throw new Error('fixture invalid');
    const original = { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', reference: 'CMP-261123-ABCDEF', status: 'received' };
    vi.spyOn(documentDb, 'transactWrite').mockRejectedValue(
      canceled(['None', 'None', 'None', 'ConditionalCheckFailed']),
    );
    const isKey = (key: Record<string, unknown> | undefined, pk: string, sk: string) =>
      key?.pk === pk && key.sk === sk;
    vi.spyOn(documentDb, 'get').mockImplementation((input) => {
      if (isKey(input.Key, 'IDEMPOTENCY#key-1', 'IDEMPOTENCY')) {
        return Promise.resolve({
          Item: {
            key: 'key-1',
            fingerprint: requestFingerprint(validation.request),
            complaintId: original.id,
          },
        });
      }
      if (isKey(input.Key, `COMPLAINT#${original.id}`, 'META')) return Promise.resolve({ Item: original });
      return Promise.reject(new Error(`unexpected documentDb.get ${JSON.stringify(input.Key)}`));
    });
    const response = await submit(JSON.stringify(request), { 'idempotency-key': 'key-1' });
    expect(response.statusCode).toBe(201);
    expect(response.headers?.['idempotent-replayed']).toBe('true');
    expect(JSON.parse(response.body!)).toMatchObject(original);
  });

  it('answers 409 when the key was used with another body', async () => {
    vi.spyOn(documentDb, 'transactWrite').mockRejectedValue(
      canceled(['None', 'None', 'None', 'ConditionalCheckFailed']),
    );
    vi.spyOn(documentDb, 'get').mockResolvedValue({
      Item: { key: 'key-1', fingerprint: 'other', complaintId: 'X' },
    });
    const response = await submit(JSON.stringify(chineseComplaint()), { 'idempotency-key': 'key-1' });
    expect(response.statusCode).toBe(409);
  });

  it('draws a new reference when the reference is taken', async () => {
    vi.spyOn(documentDb, 'transactWrite')
      .mockRejectedValueOnce(canceled(['None', 'ConditionalCheckFailed', 'None']))
      .mockResolvedValue(undefined);
    const response = await submit(JSON.stringify(chineseComplaint()));
    expect(response.statusCode).toBe(201);
    const [first, second] = vi
      .mocked(documentDb.transactWrite)
      .mock.calls.map(([input]) => input.TransactItems!);
    expect(first![1]!.Put!.Item!.pk).not.toBe(second![1]!.Put!.Item!.pk);
  });

  it.each([
    ['a TransactionConflictException', new AwsServiceError('TransactionConflictException', 'conflict', 400)],
    ['a transaction cancelled for a conflict', canceled(['None', 'None', 'None', 'TransactionConflict'])],
  ])('tries again after %s', async (_name, conflict) => {
    vi.spyOn(documentDb, 'transactWrite').mockRejectedValueOnce(conflict).mockResolvedValue(undefined);
    const response = await submit(JSON.stringify(chineseComplaint()), { 'idempotency-key': 'key-1' });
    expect(response.statusCode).toBe(201);
    expect(vi.mocked(documentDb.transactWrite).mock.calls).toHaveLength(2);
  });

  it.each([
    ['invalid fields', '{"subject":1}', {}, 400],
    ['malformed JSON', '{', {}, 400],
    ['an empty body', '', {}, 400],
    ['a wrong media type', '{}', { 'content-type': 'text/plain' }, 415],
    ['a non-UTF-8 charset', '{}', { 'content-type': 'application/json; charset=latin1' }, 415],
    ['a body over 64 KB', JSON.stringify(chineseComplaint({ description: 'x'.repeat(70_000) })), {}, 413],
    ['a bad idempotency key', JSON.stringify(chineseComplaint()), { 'idempotency-key': 'has space' }, 400],
  ])('answers %s with a problem and touches no table', async (_name, body, headers, status) => {
    const response = await submit(body, headers);
    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(callsOf(documentDb)).toHaveLength(0);
  });

  it('turns an unexpected failure into an opaque 500 problem', async () => {
    vi.spyOn(documentDb, 'transactWrite').mockRejectedValue(new Error('boom: internal detail'));
    const response = await submit(JSON.stringify(chineseComplaint()));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('internal detail');
  });
});
