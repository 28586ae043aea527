import { TransactionCanceledException, TransactionConflictException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { allAwsCalls, dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { chineseComplaint } from '../../support/fixtures.ts';
import { context, httpEvent, useTestEnvironment } from '../../support/lambda.ts';
import { signedProofOfWorkHeaders } from '../../support/proof-of-work.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/api/submit-complaint.ts');
const { requestFingerprint } = await import('../../../functions/app/submit-complaint.ts');
const { validateIntake } = await import('../../../functions/domain/intake.ts');

/** A request as the form sends it: with a solved proof of work (test/unit/api/proof-of-work.test.ts refuses the rest). */
const submit = async (body: string, headers: Record<string, string> = {}) =>
  await handler(
    httpEvent({
      body,
      headers: { 'content-type': 'application/json', ...(await signedProofOfWorkHeaders()), ...headers },
    }),
    context,
  );

const canceled = (codes: string[]) =>
  new TransactionCanceledException({
    message: 'canceled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const transactions = () =>
  dynamo.commandCalls(TransactWriteCommand).map(({ args: [command] }) => command.input.TransactItems!);

beforeEach(() => {
  stubAwsCalls();
  // The limits' counters (one per party and hour): the first complaint of the hour.
  dynamo.on(UpdateCommand).resolves({ Attributes: { count: 1 } });
  // The proof of work's challenge, spent for the first time.
  dynamo.on(PutCommand).resolves({});
});

describe('POST /v1/complaints handler', () => {
  it('answers 429 with Retry-After past the limit for one address, and stores nothing', async () => {
    dynamo.on(UpdateCommand).resolves({ Attributes: { count: 6 } });
    const response = await submit(JSON.stringify(chineseComplaint()));
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(response.body!)).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    expect(dynamo).not.toHaveReceivedCommand(TransactWriteCommand);
    const keys = dynamo
      .commandCalls(UpdateCommand)
      .map(({ args: [command] }) => String(command.input.Key?.pk));
    expect(keys.map((key) => key.split('#').slice(0, 2).join('#'))).toEqual(['LIMIT#address', 'LIMIT#ip']);
    // The network address is kept as a hash only.
    expect(keys.join()).not.toContain('127.0.0.1');
  });

  it('counts the viewer address CloudFront passes on, not the edge server', async () => {
    await handler(
      httpEvent({
        body: JSON.stringify(chineseComplaint()),
        headers: {
          'content-type': 'application/json',
          'x-viewer-address': '198.51.100.7',
          ...(await signedProofOfWorkHeaders()),
        },
      }),
      context,
    ).catch(() => undefined);
    const ipKeys = dynamo
      .commandCalls(UpdateCommand)
      .map(({ args: [command] }) => String(command.input.Key?.pk))
      .filter((key) => key.startsWith('LIMIT#ip#'));
    const { createHash } = await import('node:crypto');
    expect(ipKeys).toEqual([`LIMIT#ip#${createHash('sha256').update('198.51.100.7').digest('base64url')}`]);
  });

  it('writes complaint, reference, first event and idempotency record in one transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const response = await submit(JSON.stringify(chineseComplaint()), { 'idempotency-key': 'key-1' });
    expect(response.statusCode).toBe(201);
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = transactions()[0]!;
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
    dynamo.on(TransactWriteCommand).rejects(canceled(['None', 'None', 'None', 'ConditionalCheckFailed']));
    dynamo
      .on(GetCommand, { Key: { pk: 'IDEMPOTENCY#key-1', sk: 'IDEMPOTENCY' } })
      .resolves({
        Item: { key: 'key-1', fingerprint: requestFingerprint(validation.request), complaintId: original.id },
      })
      .on(GetCommand, { Key: { pk: `COMPLAINT#${original.id}`, sk: 'META' } })
      .resolves({ Item: original });
    const response = await submit(JSON.stringify(request), { 'idempotency-key': 'key-1' });
    expect(response.statusCode).toBe(201);
    expect(response.headers?.['idempotent-replayed']).toBe('true');
    expect(JSON.parse(response.body!)).toMatchObject(original);
  });

  it('answers 409 when the key was used with another body', async () => {
    dynamo.on(TransactWriteCommand).rejects(canceled(['None', 'None', 'None', 'ConditionalCheckFailed']));
    dynamo.on(GetCommand).resolves({ Item: { key: 'key-1', fingerprint: 'other', complaintId: 'X' } });
    const response = await submit(JSON.stringify(chineseComplaint()), { 'idempotency-key': 'key-1' });
    expect(response.statusCode).toBe(409);
  });

  it('draws a new reference when the reference is taken', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejectsOnce(canceled(['None', 'ConditionalCheckFailed', 'None']))
      .resolves({});
    const response = await submit(JSON.stringify(chineseComplaint()));
    expect(response.statusCode).toBe(201);
    const [first, second] = transactions();
    expect(first![1]!.Put!.Item!.pk).not.toBe(second![1]!.Put!.Item!.pk);
  });

  it.each([
    [
      'a TransactionConflictException',
      new TransactionConflictException({ message: 'conflict', $metadata: {} }),
    ],
    ['a transaction cancelled for a conflict', canceled(['None', 'None', 'None', 'TransactionConflict'])],
  ])('tries again after %s', async (_name, conflict) => {
    dynamo.on(TransactWriteCommand).rejectsOnce(conflict).resolves({});
    const response = await submit(JSON.stringify(chineseComplaint()), { 'idempotency-key': 'key-1' });
    expect(response.statusCode).toBe(201);
    expect(dynamo).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
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
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('turns an unexpected failure into an opaque 500 problem', async () => {
    dynamo.on(TransactWriteCommand).rejects(new Error('boom: internal detail'));
    const response = await submit(JSON.stringify(chineseComplaint()));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('internal detail');
  });
});
