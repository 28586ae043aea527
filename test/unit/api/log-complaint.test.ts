import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { allAwsCalls, dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { chineseComplaint } from '../../support/fixtures.ts';
import { context, httpEvent, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/api/staff/log-complaint.ts');
const { requestFingerprint } = await import('../../../functions/app/submit-complaint.ts');
const { validateStaffIntake } = await import('../../../functions/domain/intake.ts');

const HOUR = 3_600_000;

/** A hotline call logged now: a customer with a phone number only, received two hours ago. */
const hotlineCall = (overrides: Record<string, unknown> = {}) => {
  const { customer: _customer, ...details } = chineseComplaint();
  return {
    ...details,
    customer: { name: '李华', phone: '138 0013 8000' },
    channel: 'hotline',
    receivedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
    acknowledgedVia: 'phone',
    ...overrides,
  };
};

/** POST /v1/staff/complaints as the gateway hands it over: claims verified, groups flattened. */
const logComplaint = async (
  body: unknown,
  options: { sub?: string; groups?: string; headers?: Record<string, string>; claims?: boolean } = {},
) =>
  await handler(
    httpEvent({
      routeKey: 'POST /v1/staff/complaints',
      rawPath: '/v1/staff/complaints',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...options.headers },
      requestContext: {
        ...httpEvent().requestContext,
        ...(options.claims === false
          ? {}
          : {
              authorizer: {
                jwt: {
                  claims: {
                    sub: options.sub ?? 'agent-1',
                    email: 'agent-1@example.com',
                    'cognito:groups': options.groups ?? '[agent]',
                  },
                  scopes: null,
                },
              },
            }),
      },
    }),
    context,
  );

const transactions = () =>
  dynamo.commandCalls(TransactWriteCommand).map(({ args: [command] }) => command.input.TransactItems!);

const problemOf = (response: { body?: string | undefined }) =>
  JSON.parse(response.body!) as { status: number; type: string; errors?: { field: string }[] };

beforeEach(() => {
  stubAwsCalls();
});

describe('POST /v1/staff/complaints handler', () => {
  it('answers 401 without staff claims and 403 for a caller with no staff role, touching no table', async () => {
    const anonymous = await logComplaint(hotlineCall(), { claims: false });
    expect(anonymous.statusCode).toBe(401);
    expect(problemOf(anonymous).type).toBe('/problems/unauthorized');
    const outsider = await logComplaint(hotlineCall(), { groups: '[customers]' });
    expect(outsider.statusCode).toBe(403);
    expect(outsider.headers?.['content-type']).toBe('application/problem+json');
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('answers 400 with every field error at once and writes nothing', async () => {
    const response = await logComplaint(
      hotlineCall({
        customer: { name: '李华' },
        receivedAt: new Date(Date.now() + 2 * HOUR).toISOString(),
        consent: { dataProcessing: false },
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(
      problemOf(response)
        .errors?.map((error) => error.field)
        .sort(),
    ).toEqual(['consent.dataProcessing', 'customer.phone', 'receivedAt']);
    expect(allAwsCalls()).toHaveLength(0);
  });

  it.each<[string, unknown, number, Record<string, string>?]>([
    ['a public channel', hotlineCall({ channel: 'web' }), 400],
    ['malformed JSON', '{', 400],
    ['a bad idempotency key', hotlineCall(), 400, { 'idempotency-key': 'has space' }],
    ['a wrong media type', hotlineCall(), 415, { 'content-type': 'text/plain' }],
  ])('refuses %s with a problem and touches no table', async (_name, body, status, headers) => {
    const response = await logComplaint(body, { headers: headers ?? {} });
    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('answers 201 with the case link, receipt time and late flag, writing the complaint logged by the caller', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const request = hotlineCall();
    const response = await logComplaint(request, { headers: { 'idempotency-key': 'call-1' } });
    expect(response.statusCode).toBe(201);
    const body = JSON.parse(response.body!) as {
      id: string;
      reference: string;
      status: string;
      receivedAt: string;
      recordedLate: unknown;
      links: unknown;
    };
    expect(Object.keys(body).sort()).toEqual([
      'id',
      'links',
      'receivedAt',
      'recordedLate',
      'reference',
      'status',
    ]);
    expect(body.id).toMatch(/^[0-9A-Z]{26}$/u);
    expect(body.reference).toMatch(/^CMP-\d{6}-[0-9A-Z]{6}$/u);
    expect(body).toMatchObject({ status: 'received', receivedAt: request.receivedAt });
    expect(typeof body.recordedLate).toBe('boolean');
    expect(body.links).toEqual({ self: `/v1/staff/complaints/${body.id}` });
    expect(response.headers?.location).toBe(`/v1/staff/complaints/${body.id}`);
    expect(response.headers?.['idempotent-replayed']).toBeUndefined();
    const items = transactions()[0]!;
    const complaint = items[0]!.Put!.Item!;
    expect(complaint).toMatchObject({
      entity: 'complaint',
      id: body.id,
      channel: 'hotline',
      loggedBy: { id: 'agent-1', email: 'agent-1@example.com' },
      acknowledgedVia: 'phone',
      customer: { name: '李华', phone: '138 0013 8000' },
    });
    expect((complaint.customer as { email?: string }).email).toBeUndefined();
    expect(items.at(-1)!.Put!.Item).toMatchObject({ entity: 'idempotency', complaintId: body.id });
  });

  it('keys the Idempotency-Key per member of staff: two agents with one key log two complaints', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await logComplaint(hotlineCall(), { sub: 'agent-1', headers: { 'idempotency-key': 'k' } });
    await logComplaint(hotlineCall(), { sub: 'agent-2', headers: { 'idempotency-key': 'k' } });
    expect(transactions().map((items) => items.at(-1)!.Put!.Item!.pk as unknown)).toEqual([
      'IDEMPOTENCY#staff:agent-1:k',
      'IDEMPOTENCY#staff:agent-2:k',
    ]);
  });

  it("replays the caller's own complaint for a key used again with the same body", async () => {
    const request = hotlineCall();
    const validation = validateStaffIntake(request, new Date());
    if (!validation.ok) throw new Error('fixture invalid');
    const original = {
      id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      reference: 'CMP-261123-ABCDEF',
      status: 'received',
      channel: 'hotline',
      receivedAt: request.receivedAt,
    };
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'canceled',
        $metadata: {},
        CancellationReasons: [
          ...Array.from({ length: 4 }, () => ({ Code: 'None' })),
          { Code: 'ConditionalCheckFailed' },
        ],
      }),
    );
    dynamo
      .on(GetCommand, { Key: { pk: 'IDEMPOTENCY#staff:agent-1:call-1', sk: 'IDEMPOTENCY' } })
      .resolves({
        Item: {
          key: 'staff:agent-1:call-1',
          fingerprint: requestFingerprint(validation.request),
          complaintId: original.id,
        },
      })
      .on(GetCommand, { Key: { pk: `COMPLAINT#${original.id}`, sk: 'META' } })
      .resolves({ Item: original });
    const response = await logComplaint(request, { headers: { 'idempotency-key': 'call-1' } });
    expect(response.statusCode).toBe(201);
    expect(response.headers?.['idempotent-replayed']).toBe('true');
    expect(JSON.parse(response.body!)).toMatchObject({ id: original.id, reference: original.reference });
  });
});
