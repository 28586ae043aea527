import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import type { PolicyAdminView, PolicyVersionView } from '../../functions/domain/policy-versions.ts';
import { ensureTable } from '../../local/table.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { context, httpEvent, TEST_SIGNING_KEY } from '../support/lambda.ts';
import { signedProofOfWorkHeaders } from '../support/proof-of-work.ts';
import { useLocalStack } from '../support/stack-client.ts';
import { staffRequest } from '../support/staff-client.ts';

await useLocalStack();
// A policy change is global: made on the shared stack's table it would move the deadlines of every
// other test file's complaints. So the handlers run here, unchanged, on a table of their own in the
// stack's DynamoDB Local, and refresh the policy on every invocation (the stack's functions: 30 s).
const client = new DynamoDBClient({});
const tableName = `policy-admin-${Date.now()}`;
await ensureTable(client, tableName);
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
});
Object.assign(process.env, {
  TABLE_NAME: tableName,
  POLICY_REFRESH_SECONDS: '0',
  TOKEN_SIGNING_KEY: TEST_SIGNING_KEY,
});
const { handler: getPolicy } = await import('../../functions/api/staff/admin/get-policy.ts');
const { handler: putPolicy } = await import('../../functions/api/staff/admin/change-policy.ts');
const { handler: getVersion } = await import('../../functions/api/staff/admin/get-policy-version.ts');
const { handler: submit } = await import('../../functions/api/submit-complaint.ts');
const { handler: triage } = await import('../../functions/workflow/triage.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');
const { now } = await import('../../functions/adapters/clock.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');

type Role = 'agent' | 'supervisor' | 'manager' | 'admin';

const asStaff = (
  role: Role,
  method: 'GET' | 'PUT',
  options: { body?: unknown; version?: string } = {},
): APIGatewayProxyEventV2 => {
  const base = httpEvent();
  return {
    ...base,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    ...(options.version === undefined ? {} : { pathParameters: { version: options.version } }),
    requestContext: {
      ...base.requestContext,
      http: { ...base.requestContext.http, method },
      authorizer: { jwt: { claims: { sub: `${role}-policy`, 'cognito:groups': `[${role}]` }, scopes: [] } },
    } as APIGatewayProxyEventV2['requestContext'],
  };
};

const read = async (role: Role = 'admin') => {
  const response = await getPolicy(asStaff(role, 'GET'), context);
  return { status: response.statusCode, body: JSON.parse(response.body ?? '{}') as PolicyAdminView };
};
const change = async (body: unknown, role: Role = 'admin') => {
  const response = await putPolicy(asStaff(role, 'PUT', { body }), context);
  return {
    status: response.statusCode,
    body: JSON.parse(response.body ?? '{}') as PolicyVersionView & {
      type?: string;
      errors?: { field: string; message: string }[];
    },
  };
};

/** A complaint as the public form sends it, graded by the lifecycle's triage task (run here). */
const submitAndTriage = async () => {
  const base = httpEvent();
  const submitted = await submit(
    {
      ...base,
      body: JSON.stringify(
        chineseComplaint({
          customer: { name: '赵敏', email: `policy-${randomUUID()}@example.com`, locale: 'zh-CN' },
          subject: '客服回复太慢',
          description: '上周在线咨询的问题，三天都没有人回复，希望改进服务流程。',
          categoryHint: 'service-attitude',
        }),
      ),
      headers: { ...base.headers, ...(await signedProofOfWorkHeaders()) },
    },
    context,
  );
  expect(submitted.statusCode).toBe(201);
  const { id } = JSON.parse(submitted.body ?? '{}') as { id: string };
  await triage({ complaintId: id }, context);
  const complaint = await getComplaint(id);
  expect(complaint?.sla?.resolution.dueAt).toBeDefined();
  return complaint!;
};

/** The active policy plus every day of the next `days` (the calendar's zone) as a holiday. */
const withHolidays = (policy: PolicyVersionView['policy'], days: number) => {
  const calendar = policy.calendar as {
    timeZone: string;
    years: Record<string, { holidays: string[]; workingDays: string[] }>;
  };
  const years = structuredClone(calendar.years);
  const today = DateTime.fromJSDate(now(), { zone: calendar.timeZone }).startOf('day');
  for (let offset = 0; offset < days; offset += 1) {
    const day = today.plus({ days: offset });
    const year = (years[String(day.year)] ??= { holidays: [], workingDays: [] });
    const date = day.toISODate()!;
    if (!year.holidays.includes(date) && !year.workingDays.includes(date)) year.holidays.push(date);
  }
  for (const year of Object.values(years)) year.holidays.sort();
  return {
    policy: { ...policy, calendar: { ...calendar, years } },
    firstDayAfter: today.plus({ days }).toUTC().toISO()!,
  };
};

describe('the policy as versioned data, changed through the API', () => {
  it('an admin adds holidays: the next complaint is timed under the new version, a running one keeps its deadline', async () => {
    const seeded = await read();
    expect(seeded.status).toBe(200);
    expect(seeded.body.active).toMatchObject({ version: 1, createdAt: null, createdBy: null });
    expect(seeded.body.history.map((entry) => entry.version)).toEqual([1]);

    const running = await submitAndTriage();
    expect(running.policyVersion).toBe(1);
    const runningDueAt = running.sla!.resolution.dueAt;

    const { policy, firstDayAfter } = withHolidays(seeded.body.active.policy, 45);
    expect(runningDueAt < firstDayAfter).toBe(true);
    const changed = await change({ policy, reason: 'Holidays for the office move', expectedVersion: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      version: 2,
      createdBy: 'admin-policy',
      reason: 'Holidays for the office move',
    });

    const next = await submitAndTriage();
    expect(next.policyVersion).toBe(2);
    // Working days only start after the holidays now.
    expect(next.sla!.resolution.dueAt >= firstDayAfter).toBe(true);

    // The running complaint keeps the deadline it was given, also when its triage step is retried.
    await triage({ complaintId: running.id }, context);
    const after = await getComplaint(running.id);
    expect(after?.sla?.resolution.dueAt).toBe(runningDueAt);
    expect(after?.policyVersion).toBe(1);

    const history = await read('manager');
    expect(history.status).toBe(200);
    expect(history.body.active).toMatchObject({ version: 2, reason: 'Holidays for the office move' });
    // The first change stored the seed as version 1, so the history starts where the functions did.
    expect(history.body.history.map((entry) => entry.version)).toEqual([2, 1]);
    const first = await getVersion(asStaff('manager', 'GET', { version: '1' }), context);
    expect(first.statusCode).toBe(200);
    expect((JSON.parse(first.body!) as PolicyVersionView).policy).toEqual(seeded.body.active.policy);
    expect((await getVersion(asStaff('admin', 'GET', { version: '9' }), context)).statusCode).toBe(404);
  });

  it('refuses an invalid policy with the path of every problem, and changes nothing', async () => {
    const before = await read();
    const { policy } = before.body.active;
    const sla = policy.sla as { bySeverity: Record<string, unknown> };
    const refused = await change({
      policy: {
        ...policy,
        calendar: { ...(policy.calendar as object), timeZone: 'Mars/Olympus' },
        sla: { ...sla, bySeverity: { ...sla.bySeverity, L1: { firstResponse: { hours: -2 } } } },
      },
      reason: 'typo',
      expectedVersion: before.body.active.version,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.type).toBe('/problems/validation-error');
    const fields = refused.body.errors!.map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'policy.calendar.timeZone',
        'policy.sla.bySeverity.L1.firstResponse.hours',
        'policy.sla.bySeverity.L1.resolution',
      ]),
    );
    const missing = await change({ policy: 'none', expectedVersion: 0 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors!.map((error) => error.field).sort()).toEqual([
      'expectedVersion',
      'policy',
      'reason',
    ]);
    expect(await read()).toEqual(before);
  });

  it('answers 409 to a change of a version that is no longer active, changing nothing', async () => {
    const before = await read();
    const stale = await change({
      policy: before.body.active.policy,
      reason: 'edited an old copy',
      expectedVersion: before.body.active.version - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('/problems/stale-version');
    expect(await read()).toEqual(before);
  });

  it('lets managers read but not change it, and agents and supervisors neither', async () => {
    const before = await read();
    const body = {
      policy: before.body.active.policy,
      reason: 'mine',
      expectedVersion: before.body.active.version,
    };
    expect((await read('manager')).status).toBe(200);
    expect((await change(body, 'manager')).status).toBe(403);
    for (const role of ['agent', 'supervisor'] as const) {
      expect((await read(role)).status).toBe(403);
      expect((await change(body, role)).status).toBe(403);
      expect((await getVersion(asStaff(role, 'GET', { version: '1' }), context)).statusCode).toBe(403);
    }
    expect(await read()).toEqual(before);
  });

  it('is routed by the stack: 403 to an agent, the seed to a manager (read-only requests)', async () => {
    const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'agent-policy' });
    const manager = await issueDevToken({ role: 'manager', subject: 'manager-policy' });
    expect((await staffRequest(agent, '/v1/staff/admin/policy')).status).toBe(403);
    const refused = await staffRequest(manager, '/v1/staff/admin/policy', {
      method: 'PUT',
      body: JSON.stringify({ policy: {}, reason: 'no', expectedVersion: 1 }),
    });
    expect(refused.status).toBe(403);
    const seen = await staffRequest(manager, '/v1/staff/admin/policy');
    expect(seen.status).toBe(200);
    expect(((await seen.json()) as PolicyAdminView).active.version).toBeGreaterThanOrEqual(1);
  });
});
