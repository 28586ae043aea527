import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { ulid } from 'ulid';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { eventually, postComplaint } from '../support/http.ts';
import { context } from '../support/lambda.ts';
import { defaultPolicyDocument } from '../support/policy.ts';
import { loadStaffTokens, resolvedComplaint, staffAction, staffRequest } from '../support/staff-client.ts';
import { useLocalStack } from '../support/stack-client.ts';

await useLocalStack();
// The retention job in this process, on the stack's table and bucket, with a period the test clock
// (an hour a second) passes in 2 s; the stack's own job keeps the default 3 years, so it leaves the
// rest of the suite alone.
const policyFile = join(mkdtempSync(join(tmpdir(), 'retention-')), 'policy.json');
writeFileSync(
  policyFile,
  JSON.stringify({ ...defaultPolicyDocument(), retention: { anonymiseAfter: { hours: 2 } } }),
);
const EVIDENCE_BUCKET = 'complaint-evidence';
Object.assign(process.env, {
  POLICY_FILE: policyFile,
  AWS_ENDPOINT_URL_S3: inject('s3Url'),
  EVIDENCE_BUCKET,
});
const { handler: runRetention } = await import('../../functions/workflow/run-retention.ts');
const { getComplaint, listEvents } = await import('../../functions/adapters/complaint-repository.ts');
const { documentClient } = await import('../../functions/adapters/dynamodb.ts');
const { contributionOf } = await import('../../functions/domain/kpi-counters.ts');
const { reportDay, reportGroups } = await import('../../functions/domain/kpi-report.ts');
const { receivedAtOf } = await import('../../functions/domain/complaint.ts');
const { normaliseProduct } = await import('../../functions/domain/surge.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');

const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: inject('s3Url'),
  forcePathStyle: true,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const { agent, supervisor } = await loadStaffTokens();
const manager = await issueDevToken({ role: 'manager', subject: 'manager-1' });

/** Every item of the complaint's partition (the complaint, events, mail copies, assist rows), as stored. */
const partition = async (id: string) =>
  (
    await documentClient.send(
      new QueryCommand({
        TableName: 'complaints',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COMPLAINT#${id}` },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

/** Whether the evidence object exists (by key: the S3 emulator refuses SDK v3's signed listings). */
const stored = async (key: string) => {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: EVIDENCE_BUCKET, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
};

/** A file of the customer's, stored and recorded on the complaint as the evidence recorder does. */
const putEvidence = async (id: string) => {
  const { complaintStore } = await import('../../functions/adapters/complaint-store.ts');
  const fileId = ulid();
  await s3.send(
    new PutObjectCommand({
      Bucket: EVIDENCE_BUCKET,
      Key: `complaints/${id}/${fileId}`,
      Body: 'photo of the receipt',
      ContentType: 'image/jpeg',
    }),
  );
  await complaintStore.mutate(id, { kind: 'customer' }, (complaint, at) => ({
    decision: {
      changes: {
        attachments: [
          ...(complaint.attachments ?? []),
          {
            id: fileId,
            fileName: '赵敏-receipt.jpg',
            contentType: 'image/jpeg',
            size: 20,
            status: 'available',
            source: 'upload',
            uploadedBy: { kind: 'customer' },
            createdAt: at.toISOString(),
            recordedAt: at.toISOString(),
          },
        ],
      },
      events: [],
    },
    result: undefined,
  }));
  return `complaints/${id}/${fileId}`;
};

/** What the complaint adds to the KPI counters: its figures, the groups and the day they are under. */
const kpiFootprint = async (id: string) => {
  const complaint = (await getComplaint(id))!;
  const events = await listEvents(id);
  return {
    contribution: contributionOf(
      receivedAtOf(complaint),
      events,
      complaint.product ? normaliseProduct(complaint.product) : '',
    ),
    groups: reportGroups(complaint),
    day: reportDay(complaint.submittedAt, 'Asia/Shanghai'),
  };
};

const runJob = () =>
  runRetention({}, { ...context, getRemainingTimeInMillis: () => 60_000 }) as Promise<{ anonymised: number }>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rejectedComplaint = async () => {
  const email = `retention-${randomUUID()}@example.com`;
  const { id } = (await (
    await postComplaint(
      chineseComplaint({ customer: { name: '赵敏', email, phone: '+86 139 1234 5678', locale: 'zh-CN' } }),
    )
  ).json()) as { id: string };
  await eventually(async () => ((await getComplaint(id))?.waitStage === 'firstResponse' ? true : undefined));
  const file = await putEvidence(id);
  const result = await staffAction(supervisor, id, {
    type: 'reject',
    reason: 'invalid',
    note: '客户赵敏的说法不实',
    expectedVersion: (await getComplaint(id))!.version,
  });
  expect(result.status).toBe(200);
  return { id, email, file };
};

describe('retention under the scaled clock', () => {
  it('anonymises a closed complaint after its period: every personal field and file goes, every KPI figure stays', async () => {
    const { id, email } = await resolvedComplaint();
    const file = await putEvidence(id);
    expect(await stored(file)).toBe(true);
    // The follow-up closes it unanswered 14 business hours after resolution (14 s here).
    await eventually(async () => ((await getComplaint(id))?.status === 'closed' ? true : undefined), 45_000);
    const before = await kpiFootprint(id);
    const personal = [
      '李娜',
      email,
      chineseComplaint().description,
      '电话联系客户',
      '已为您更换新的电热水壶',
    ];
    expect(JSON.stringify(await partition(id))).toContain(email);

    await eventually(async () => {
      await runJob();
      return (await getComplaint(id))?.anonymised?.complete ? true : undefined;
    }, 20_000);

    const items = JSON.stringify(await partition(id));
    for (const value of personal) expect(items).not.toContain(value);
    expect(await stored(file)).toBe(false);
    const complaint = (await getComplaint(id))!;
    expect(complaint).toMatchObject({
      status: 'closed',
      customer: { name: '' },
      subject: '',
      description: '',
      anonymised: { reason: 'retention', requestedBy: 'retention', complete: true },
    });
    expect(complaint.customer.email).toBeUndefined();
    expect(await kpiFootprint(id)).toEqual(before);
    const events = await listEvents(id);
    expect(events.at(-1)).toMatchObject({
      type: 'complaint.anonymised',
      details: { reason: 'retention', requestedBy: 'retention' },
    });
    // The case page still opens, without the customer.
    const page = await staffRequest(supervisor, `/v1/staff/complaints/${id}`);
    expect(page.status).toBe(200);
  }, 90_000);

  it('leaves a complaint under a legal hold alone until the hold is cleared', async () => {
    const { id, email, file } = await rejectedComplaint();
    expect(
      (
        await staffRequest(agent, `/v1/staff/complaints/${id}/legal-hold`, {
          method: 'PUT',
          body: JSON.stringify({ hold: true, reason: 'lawsuit' }),
        })
      ).status,
    ).toBe(403);
    const invalid = await staffRequest(manager, `/v1/staff/complaints/${id}/legal-hold`, {
      method: 'PUT',
      body: JSON.stringify({ hold: true }),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    const held = await staffRequest(manager, `/v1/staff/complaints/${id}/legal-hold`, {
      method: 'PUT',
      body: JSON.stringify({ hold: true, reason: '诉讼保全 (2026) 民初 123 号' }),
    });
    expect(held.status).toBe(200);
    expect(await held.json()).toMatchObject({
      legalHold: { reason: '诉讼保全 (2026) 民初 123 号', by: 'manager-1' },
    });

    // Well past the period (2 h = 2 s): the job runs and the complaint stays as it was.
    await sleep(3_000);
    await runJob();
    expect(JSON.stringify(await partition(id))).toContain(email);
    expect(await stored(file)).toBe(true);
    expect((await getComplaint(id))!.anonymised).toBeUndefined();

    const cleared = await staffRequest(manager, `/v1/staff/complaints/${id}/legal-hold`, {
      method: 'PUT',
      body: JSON.stringify({ hold: false, reason: '案件已结' }),
    });
    expect(await cleared.json()).toMatchObject({ legalHold: null });
    await eventually(async () => {
      await runJob();
      return (await getComplaint(id))?.anonymised?.complete ? true : undefined;
    }, 20_000);
    const items = JSON.stringify(await partition(id));
    for (const value of [email, '赵敏', '13912345678', '139 1234 5678', '诉讼保全'])
      expect(items).not.toContain(value);
    expect(await stored(file)).toBe(false);
    expect((await listEvents(id)).map((event) => event.type)).toEqual(
      expect.arrayContaining(['legal-hold.set', 'legal-hold.cleared', 'complaint.anonymised']),
    );
  }, 90_000);
});
