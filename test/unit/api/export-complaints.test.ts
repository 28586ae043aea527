import { PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { allAwsCalls, dynamo, stubAwsCalls } from '../../support/aws-calls.ts';
import { context, httpEvent, useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();
const { handler } = await import('../../../functions/api/staff/export-complaints.ts');
const { openApiDocument } = await import('../../../functions/api/openapi-document.ts');
const { exportRange } = await import('../../../functions/domain/complaint-export.ts');
const TZ = 'Asia/Shanghai';

/** Complaint items as the submission-time index holds them, by UTC day. */
const indexItem = (n: number, submittedAt: string) => ({
  pk: `COMPLAINT#01KAQ0000000000000000000${String(n).padStart(2, '0')}`,
  sk: 'META',
  submittedDay: submittedAt.slice(0, 10),
  submittedAt,
  id: `01KAQ0000000000000000000${String(n).padStart(2, '0')}`,
  reference: `CMP-261123-00000${n}`,
  status: 'received',
  channel: 'web',
  subject: `投诉 ${n}`,
  escalationLevel: 0,
});
const ITEMS = [
  // 2026-11-01 00:30 in Shanghai is still October in UTC.
  indexItem(1, '2026-10-31T16:30:00.000Z'),
  indexItem(2, '2026-11-01T02:00:00.000Z'),
  indexItem(3, '2026-11-02T02:00:00.000Z'),
  // Two on one day: a page may end inside a day's partition.
  indexItem(4, '2026-11-03T02:00:00.000Z'),
  indexItem(5, '2026-11-03T03:00:00.000Z'),
];

/** Answers Queries like DynamoDB would: key condition, Limit, ExclusiveStartKey, LastEvaluatedKey. */
const fakeIndex = (input: QueryCommandInput) => {
  expect(input.IndexName).toBe('bySubmissionDay');
  const values = input.ExpressionAttributeValues!;
  const inRange = ITEMS.filter(
    (item) =>
      item.submittedDay === values[':day'] &&
      item.submittedAt >= values[':first'] &&
      item.submittedAt <= values[':last'],
  );
  const start = input.ExclusiveStartKey
    ? inRange.findIndex((item) => item.pk === input.ExclusiveStartKey!.pk) + 1
    : 0;
  const items = inRange.slice(start, start + (input.Limit ?? 1000));
  const more = start + items.length < inRange.length;
  const last = items.at(-1);
  return {
    Items: items,
    ...(more && last
      ? {
          LastEvaluatedKey: {
            pk: last.pk,
            sk: last.sk,
            submittedDay: last.submittedDay,
            submittedAt: last.submittedAt,
          },
        }
      : {}),
  };
};

const staffEvent = (groups: string, query: Record<string, string>) =>
  httpEvent({
    queryStringParameters: query,
    requestContext: {
      ...httpEvent().requestContext,
      authorizer: { jwt: { claims: { sub: 'mgr-1', 'cognito:groups': groups }, scopes: null } },
    } as ReturnType<typeof httpEvent>['requestContext'],
  });

const exportCsv = async (query: Record<string, string>, groups = '[manager]') =>
  await handler(staffEvent(groups, query), context);

const rowsOf = (body: string | undefined) => parse(body!, { bom: true }).slice(1);

beforeEach(() => {
  stubAwsCalls();
  dynamo.on(QueryCommand).callsFake((input: QueryCommandInput) => fakeIndex(input));
  dynamo.on(PutCommand).resolves({});
});

describe('GET /v1/staff/reports/complaints.csv handler', () => {
  it('answers CSV with a BOM and a download name, reading the day partitions the range covers, in order', async () => {
    const response = await exportCsv({ from: '2026-11-01', to: '2026-11-30' });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="complaints-2026-11-01-2026-11-30.csv"',
    });
    expect(response.headers?.link).toBeUndefined();
    expect(response.body?.startsWith('\uFEFF编号,')).toBe(true);
    expect(rowsOf(response.body).map((row) => row[0])).toEqual(
      [1, 2, 3, 4, 5].map((n) => `CMP-261123-00000${n}`),
    );
    const days = dynamo
      .commandCalls(QueryCommand)
      .map(({ args: [command] }) => command.input.ExpressionAttributeValues);
    expect(days[0]).toEqual({
      ':day': '2026-10-31',
      ':first': '2026-10-31T16:00:00.000Z',
      ':last': '2026-11-30T15:59:59.999Z',
    });
    // Every UTC day of the range, once each, in order.
    expect(days.map((values) => String(values![':day']))).toEqual(
      exportRange('2026-11-01', '2026-11-30', TZ).days,
    );
  });

  it('pages with a Link rel="next" header whose cursor continues exactly where the page stopped', async () => {
    const references: string[] = [];
    let query: Record<string, string> | undefined = { from: '2026-11-01', to: '2026-11-30', limit: '2' };
    let pages = 0;
    while (query) {
      const response = await exportCsv(query);
      expect(response.statusCode).toBe(200);
      references.push(...rowsOf(response.body).map((row) => row[0]!));
      pages += 1;
      const link = response.headers?.link as string | undefined;
      const target = link && /^<([^>]+)>; rel="next"$/u.exec(link)?.[1];
      query = target
        ? Object.fromEntries(new URL(target, 'https://api.example.com').searchParams)
        : undefined;
      if (target) expect(target.startsWith('/v1/staff/reports/complaints.csv?')).toBe(true);
    }
    expect(references).toEqual([1, 2, 3, 4, 5].map((n) => `CMP-261123-00000${n}`));
    expect(pages).toBe(3);
  });

  it('records the export (who, when, the range, the complaints handed over) with one PutItem', async () => {
    const response = await exportCsv({ from: '2026-11-01', to: '2026-11-30' });
    expect(response.statusCode).toBe(200);
    const puts = dynamo.commandCalls(PutCommand).map(({ args: [command] }) => command.input.Item);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({
      pk: 'ACCESS#EXPORTS',
      kind: 'export',
      roles: ['manager'],
      export: {
        from: '2026-11-01',
        to: '2026-11-30',
        rows: 5,
        complaintIds: [1, 2, 3, 4, 5].map((n) => `01KAQ0000000000000000000${String(n).padStart(2, '0')}`),
      },
    });
  });

  it('refuses the export with 503 when its record cannot be written: no unrecorded export', async () => {
    dynamo.on(PutCommand).rejects(new Error('the table is unavailable'));
    const response = await exportCsv({ from: '2026-11-01', to: '2026-11-30' });
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('CMP-261123');
  });

  it('answers 403 to agents and supervisors without reading the table', async () => {
    for (const groups of ['[agent]', '[supervisor]']) {
      const response = await exportCsv({ from: '2026-11-01', to: '2026-11-30' }, groups);
      expect(response.statusCode).toBe(403);
    }
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('answers 400 problem+json for bad dates, reversed or too long ranges, bad limits and foreign cursors', async () => {
    const foreign = Buffer.from(
      JSON.stringify({ from: '2026-10-01', to: '2026-10-31', day: '2026-10-05' }),
    ).toString('base64url');
    const outside = Buffer.from(
      JSON.stringify({ from: '2026-11-01', to: '2026-11-30', day: '2027-01-01' }),
    ).toString('base64url');
    const queries: Record<string, string>[] = [
      {},
      { from: '2026-11-01' },
      { from: '2026-13-01', to: '2026-11-30' },
      { from: '2026-11-30', to: '2026-11-01' },
      { from: '2024-01-01', to: '2026-01-02' },
      { from: '2026-11-01', to: '2026-11-30', limit: '0' },
      { from: '2026-11-01', to: '2026-11-30', limit: '2001' },
      { from: '2026-11-01', to: '2026-11-30', cursor: 'not-a-cursor' },
      { from: '2026-11-01', to: '2026-11-30', cursor: foreign },
      { from: '2026-11-01', to: '2026-11-30', cursor: outside },
      { from: '2026-11-01', to: '2026-11-30', extra: 'x' },
    ];
    for (const query of queries) {
      const response = await exportCsv(query);
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
    }
    expect(allAwsCalls()).toHaveLength(0);
  });

  it('is described in the OpenAPI document as CSV with its query and the Link header', () => {
    const operation = openApiDocument().paths['/v1/staff/reports/complaints.csv']?.get as {
      parameters: { name: string }[];
      responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
    };
    expect(operation.parameters.map((parameter) => parameter.name)).toEqual([
      'from',
      'to',
      'limit',
      'cursor',
      'lang',
    ]);
    expect(Object.keys(operation.responses['200']?.content ?? {})).toEqual(['text/csv']);
    expect(operation.responses['200']?.headers).toHaveProperty('Link');
    expect(operation.responses).toHaveProperty('403');
  });
});
