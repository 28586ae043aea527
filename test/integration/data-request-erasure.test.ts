import { randomUUID } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { chineseComplaint } from '../support/fixtures.ts';
import { apiUrl, emailsTo, eventually, postComplaint } from '../support/http.ts';
import { loadStaffTokens, staffAction, staffRequest } from '../support/staff-client.ts';
import { useLocalStack } from '../support/stack-client.ts';

await useLocalStack();
const { dataRequestStore } = await import('../../functions/adapters/data-request-repository.ts');
const { getComplaint, listEvents } = await import('../../functions/adapters/complaint-repository.ts');
const { documentClient } = await import('../../functions/adapters/dynamodb.ts');
const { contributionOf } = await import('../../functions/domain/kpi-counters.ts');
const { reportDay, reportGroups } = await import('../../functions/domain/kpi-report.ts');
const { receivedAtOf } = await import('../../functions/domain/complaint.ts');
const { normaliseProduct } = await import('../../functions/domain/surge.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');

const EVIDENCE_BUCKET = 'complaint-evidence';
const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: inject('s3Url'),
  forcePathStyle: true,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const { supervisor } = await loadStaffTokens();
const manager = await issueDevToken({ role: 'manager', subject: 'dsr-erasure-manager' });

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${apiUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The token of the newest mailed confirmation link (`/privacy/?confirm#t=…`) to `address`. */
const confirmationToken = (address: string) =>
  eventually(async () => {
    const texts = (await emailsTo(address)).map((mail) => mail.body.text ?? '');
    const match = texts
      .map((text) => /\/privacy\/\?confirm#t=([A-Za-z0-9_%-]+)/u.exec(text))
      .findLast(Boolean);
    return match ? decodeURIComponent(match[1]!) : undefined;
  }, 20_000);

/** Every item of the complaint's partition (the complaint, events, mail copies), as stored. */
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

const stored = async (key: string) => {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: EVIDENCE_BUCKET, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
};

/** What the complaint adds to the KPI counters: its figures, the groups and the day they are under. */
const kpiFootprint = async (id: string) => {
  const complaint = (await getComplaint(id))!;
  return {
    contribution: contributionOf(
      receivedAtOf(complaint),
      await listEvents(id),
      complaint.product ? normaliseProduct(complaint.product) : '',
    ),
    groups: reportGroups(complaint),
    day: reportDay(complaint.submittedAt, 'Asia/Shanghai'),
  };
};

/** A complaint with a phone, a file uploaded through the API, and a rejection with a note: finished. */
const rejectedComplaint = async (name: string) => {
  const email = `dsr-erasure-${randomUUID()}@example.com`;
  const created = (await (
    await postComplaint(
      chineseComplaint({ customer: { name, email, phone: '+86 139 8765 4321', locale: 'zh-CN' } }),
    )
  ).json()) as { id: string; reference: string; trackingToken: string };
  const { id, trackingToken } = created;
  const declared = await post(
    `/v1/complaints/${id}/attachments`,
    { fileName: `${name}-收据.png`, contentType: 'image/png', size: PNG.length },
    { 'x-tracking-token': trackingToken },
  );
  const { upload } = (await declared.json()) as { upload: { url: string; fields: Record<string, string> } };
  const form = new FormData();
  for (const [field, value] of Object.entries(upload.fields)) form.append(field, value);
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'file');
  expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const fileId = await eventually(async () => {
    const file = (await getComplaint(id))?.attachments?.[0];
    return file?.status === 'available' ? file.id : undefined;
  }, 20_000);
  await eventually(async () => ((await getComplaint(id))?.waitStage === 'firstResponse' ? true : undefined));
  const rejected = await staffAction(supervisor, id, {
    type: 'reject',
    reason: 'invalid',
    note: `客户${name}的说法不实`,
    expectedVersion: (await getComplaint(id))!.version,
  });
  expect(rejected.status).toBe(200);
  // The acknowledgement has been sent (its copy is personal data the erasure removes).
  await eventually(async () => ((await emailsTo(email)).length >= 1 ? true : undefined), 20_000);
  return { ...created, email, file: `complaints/${id}/${fileId}` };
};

/** Asks for erasure from the tracking page, confirms from the mail, and waits for the outcome. */
const eraseFromTrackingPage = async (complaint: { id: string; trackingToken: string; email: string }) => {
  const asked = await post(
    `/v1/complaints/${complaint.id}/data-requests`,
    { kind: 'erasure' },
    { 'x-tracking-token': complaint.trackingToken },
  );
  expect(asked.status).toBe(202);
  const confirmed = await post('/v1/data-requests/confirm', {
    token: await confirmationToken(complaint.email),
  });
  expect(confirmed.status).toBe(201);
  const { id } = (await confirmed.json()) as { id: string };
  return eventually(async () => {
    const request = await dataRequestStore.get(id);
    return request && request.status !== 'received' ? request : undefined;
  }, 30_000);
};

describe('erasure requests (local stack)', () => {
  it('erase a finished complaint: name, email, phone, texts and files go, the KPI figures stay, and it is audited', async () => {
    const complaint = await rejectedComplaint('欧阳娜');
    expect(await stored(complaint.file)).toBe(true);
    const before = await kpiFootprint(complaint.id);
    const personal = [
      '欧阳娜',
      complaint.email,
      '13987654321',
      '139 8765 4321',
      chineseComplaint().description,
      '客户欧阳娜的说法不实',
    ];
    expect(JSON.stringify(await partition(complaint.id))).toContain(complaint.email);

    const request = await eraseFromTrackingPage(complaint);
    expect(request).toMatchObject({
      status: 'fulfilled',
      erasure: { erased: [complaint.reference], kept: [] },
    });

    const items = JSON.stringify(await partition(complaint.id));
    for (const value of personal) expect(items).not.toContain(value);
    expect(await stored(complaint.file)).toBe(false);
    const erased = (await getComplaint(complaint.id))!;
    expect(erased).toMatchObject({
      status: 'rejected',
      customer: { name: '' },
      description: '',
      anonymised: { reason: 'erasure-request', requestedBy: 'system', complete: true },
    });
    expect(erased.customer.email).toBeUndefined();
    expect(erased.customer.phone).toBeUndefined();
    expect(await kpiFootprint(complaint.id)).toEqual(before);
    // The tracking link stopped working.
    const tracked = await fetch(`${apiUrl()}/v1/complaints/${complaint.id}`, {
      headers: { 'x-tracking-token': complaint.trackingToken },
    });
    expect(tracked.status).toBeGreaterThanOrEqual(400);

    // Audited on both sides: the request's trail and the complaint's event (no personal data in either).
    const trail = await dataRequestStore.events(request.id);
    expect(trail.map((event) => event.type)).toEqual(['data-request.received', 'data-request.erased']);
    expect(trail[1]).toMatchObject({ details: { erased: [complaint.reference], kept: [] } });
    expect(JSON.stringify(trail)).not.toContain(complaint.email);
    expect((await listEvents(complaint.id)).at(-1)).toMatchObject({
      type: 'complaint.anonymised',
      details: { reason: 'erasure-request', requestedBy: 'system' },
    });
    // The outcome went to the address that asked, naming the erased complaint.
    const outcome = await eventually(async () =>
      (await emailsTo(complaint.email)).find(
        (mail) => mail.body.text?.includes(complaint.reference) && mail.subject.includes('结果'),
      ),
    );
    expect(outcome).toBeDefined();
  }, 120_000);

  it('keeps a complaint under a legal hold, mails the reason, and erases it once the hold is cleared', async () => {
    const complaint = await rejectedComplaint('司马光');
    const held = await staffRequest(manager, `/v1/staff/complaints/${complaint.id}/legal-hold`, {
      method: 'PUT',
      body: JSON.stringify({ hold: true, reason: '诉讼保全 (2026) 民初 456 号' }),
    });
    expect(held.status).toBe(200);

    const request = await eraseFromTrackingPage(complaint);
    expect(request).toMatchObject({
      status: 'blocked',
      erasure: { erased: [], kept: [{ reference: complaint.reference, reason: 'legal-hold' }] },
    });
    expect((await getComplaint(complaint.id))!.customer.name).toBe('司马光');
    expect(await stored(complaint.file)).toBe(true);
    const outcome = await eventually(async () =>
      (await emailsTo(complaint.email)).find((mail) => mail.body.text?.includes('法律保全')),
    );
    expect(outcome.body.text).toContain(complaint.reference);
    expect((await dataRequestStore.events(request.id)).map((event) => event.type)).toEqual([
      'data-request.received',
      'data-request.blocked',
    ]);

    // The hold cleared, a manager carries the request out again from the queue.
    await staffRequest(manager, `/v1/staff/complaints/${complaint.id}/legal-hold`, {
      method: 'PUT',
      body: JSON.stringify({ hold: false, reason: '案件已结' }),
    });
    const fulfilled = await staffRequest(manager, `/v1/staff/data-requests/${request.id}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'fulfil' }),
    });
    expect(fulfilled.status).toBe(200);
    expect(await fulfilled.json()).toMatchObject({
      status: 'fulfilled',
      erasure: { erased: [complaint.reference], kept: [] },
      handledBy: 'dsr-erasure-manager',
    });
    expect(JSON.stringify(await partition(complaint.id))).not.toContain('司马光');
    expect(await stored(complaint.file)).toBe(false);
    expect((await getComplaint(complaint.id))!.anonymised).toMatchObject({
      reason: 'erasure-request',
      requestedBy: 'dsr-erasure-manager',
    });
  }, 120_000);
});
