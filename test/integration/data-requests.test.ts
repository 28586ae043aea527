import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { apiUrl, emailsTo, eventually, postComplaint } from '../support/http.ts';
import { chineseComplaint, englishComplaint } from '../support/fixtures.ts';
import { proofOfWorkHeaders } from '../support/proof-of-work.ts';
import { staffRequest } from '../support/staff-client.ts';

await useLocalStack();
const { dataRequestStore } = await import('../../functions/adapters/data-request-repository.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');
const { getComplaint } = await import('../../functions/adapters/complaint-repository.ts');

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const file = async (complaint: Record<string, unknown>) =>
  (await (await postComplaint(complaint)).json()) as { id: string; trackingToken: string; reference: string };

const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${apiUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const askPublicly = async (body: unknown) =>
  post('/v1/data-requests', body, await proofOfWorkHeaders(apiUrl()));

/** The token of the newest mailed personal-data link (`/privacy/?<action>#t=…`) to `address`. */
const mailedToken = (address: string, action: 'confirm' | 'download') =>
  eventually(async () => {
    const texts = (await emailsTo(address)).map((mail) => mail.body.text ?? '');
    const match = texts
      .map((text) => new RegExp(`/privacy/\\?${action}#t=([A-Za-z0-9_%-]+)`, 'u').exec(text))
      .findLast(Boolean);
    return match ? decodeURIComponent(match[1]!) : undefined;
  }, 20_000);

const uploadEvidence = async (id: string, trackingToken: string) => {
  const declared = await post(
    `/v1/complaints/${id}/attachments`,
    { fileName: '收据.png', contentType: 'image/png', size: PNG.length },
    { 'x-tracking-token': trackingToken },
  );
  const { upload } = (await declared.json()) as { upload: { url: string; fields: Record<string, string> } };
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'file');
  expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  await eventually(async () =>
    (await getComplaint(id))?.attachments?.[0]?.status === 'available' ? true : undefined,
  );
};

describe('data-subject requests (local stack)', () => {
  it("an export holds all of a customer's complaints, messages and files, and nothing of another customer's", async () => {
    const email = `dsr-export-${randomUUID()}@example.com`;
    const otherEmail = `dsr-other-${randomUUID()}@example.com`;
    const first = await file(chineseComplaint({ customer: { name: '陈静', email }, subject: '水壶漏水' }));
    const second = await file(chineseComplaint({ customer: { name: '陈静', email }, subject: '送货太慢' }));
    const other = await file(chineseComplaint({ customer: { name: '周杰', email: otherEmail } }));
    await uploadEvidence(first.id, first.trackingToken);
    // Both acknowledgements sent (and kept for the export's mail copies).
    await eventually(async () => ((await emailsTo(email)).length >= 2 ? true : undefined), 20_000);

    const asked = await post(
      `/v1/complaints/${second.id}/data-requests`,
      { kind: 'export' },
      { 'x-tracking-token': second.trackingToken },
    );
    expect(asked.status).toBe(202);
    const confirmed = await post('/v1/data-requests/confirm', { token: await mailedToken(email, 'confirm') });
    expect(confirmed.status).toBe(201);
    const receipt = (await confirmed.json()) as { id: string; kind: string; status: string; dueAt: string };
    expect(receipt).toMatchObject({ kind: 'export', status: 'received' });

    const opened = await post('/v1/data-requests/export', { token: await mailedToken(email, 'download') });
    expect(opened.status).toBe(200);
    const links = (await opened.json()) as {
      document: { url: string };
      files: { complaintReference: string; fileName: string; url: string }[];
    };
    const document = (await (await fetch(links.document.url)).json()) as {
      email: string;
      complaints: { id: string; subject: string; customer: { name: string }; mails: unknown[] }[];
      files: { complaintId: string; fileName: string }[];
    };
    expect(document.email).toBe(email);
    expect(document.complaints.map((complaint) => complaint.id).toSorted()).toEqual(
      [first.id, second.id].toSorted(),
    );
    expect(document.complaints.every((complaint) => complaint.mails.length >= 1)).toBe(true);
    expect(document.files).toEqual([
      expect.objectContaining({ complaintId: first.id, fileName: '收据.png' }),
    ]);
    const serialised = JSON.stringify(document);
    expect(serialised).not.toContain(other.id);
    expect(serialised).not.toContain(otherEmail);
    expect(serialised).not.toContain('周杰');
    // The file itself downloads, byte for byte, from storage.
    expect(links.files).toHaveLength(1);
    expect(Buffer.from(await (await fetch(links.files[0]!.url)).arrayBuffer())).toEqual(PNG);

    const events = await dataRequestStore.events(receipt.id);
    expect(events.map((event) => event.type)).toEqual([
      'data-request.received',
      'data-request.exported',
      'data-request.downloaded',
    ]);
    expect(JSON.stringify(events)).not.toContain(email);
  });

  it('asking for an unknown address answers exactly as for a known one, and mails nobody', async () => {
    const known = `dsr-known-${randomUUID()}@example.com`;
    await file(englishComplaint({ customer: { name: 'Ann Lee', email: known } }));
    const unknown = `dsr-unknown-${randomUUID()}@example.com`;
    const forKnown = await askPublicly({ email: known, kind: 'erasure', locale: 'en' });
    const forUnknown = await askPublicly({ email: unknown, kind: 'erasure', locale: 'en' });
    expect(forUnknown.status).toBe(forKnown.status);
    expect(forKnown.status).toBe(202);
    expect(await forUnknown.text()).toBe(await forKnown.text());
    await mailedToken(known, 'confirm');
    expect(await emailsTo(unknown)).toEqual([]);
    // Without a solved proof of work, nothing is done.
    expect((await post('/v1/data-requests', { email: known, kind: 'export' })).status).toBe(403);
    // Bad input: a clear 400, nothing mailed.
    const bad = await askPublicly({ email: 'not-an-address', kind: 'export' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('an erasure an open complaint prevents keeps it, tells the customer why, and is in the staff queue', async () => {
    const email = `dsr-erase-${randomUUID()}@example.com`;
    const open = await file(englishComplaint({ customer: { name: 'Bo Chen', email } }));
    expect((await askPublicly({ email, kind: 'erasure', locale: 'en' })).status).toBe(202);
    const confirmed = await post('/v1/data-requests/confirm', { token: await mailedToken(email, 'confirm') });
    expect(confirmed.status).toBe(201);
    const { id } = (await confirmed.json()) as { id: string };

    const blocked = await eventually(async () => {
      const request = await dataRequestStore.get(id);
      return request?.status === 'blocked' ? request : undefined;
    }, 20_000);
    expect(blocked.erasure).toMatchObject({
      erased: [],
      kept: [{ reference: open.reference, reason: 'open-complaint' }],
    });
    expect((await getComplaint(open.id))?.customer.name).toBe('Bo Chen');
    const outcome = await eventually(async () =>
      (await emailsTo(email)).find((mail) => mail.subject === 'Your personal data request: the outcome'),
    );
    expect(outcome.body.text).toContain(open.reference);
    expect(outcome.body.text).toContain('still being handled');
    expect((await dataRequestStore.events(id)).map((event) => event.type)).toEqual([
      'data-request.received',
      'data-request.blocked',
    ]);

    const manager = await issueDevToken({ role: 'manager', subject: 'dsr-manager' });
    const queue = await staffRequest(manager, '/v1/staff/data-requests');
    expect(queue.status).toBe(200);
    const row = (
      ((await queue.json()) as { items: unknown[] }).items as { id: string; status: string; dueAt: string }[]
    ).find((item) => item.id === id);
    expect(row).toMatchObject({ status: 'blocked' });
    const agent = await issueDevToken({ role: 'agent', department: 'quality', subject: 'dsr-agent' });
    expect((await staffRequest(agent, '/v1/staff/data-requests')).status).toBe(403);

    // A manager refuses what is left, with a reason the customer is told; then it is final.
    const refused = await staffRequest(manager, `/v1/staff/data-requests/${id}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'refuse', reason: 'The complaint is still open.' }),
    });
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ status: 'refused' });
    const again = await staffRequest(manager, `/v1/staff/data-requests/${id}/actions`, {
      method: 'POST',
      body: JSON.stringify({ action: 'fulfil' }),
    });
    expect(again.status).toBe(409);
  });
});
