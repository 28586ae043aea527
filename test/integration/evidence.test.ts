import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { useLocalStack } from '../support/stack-client.ts';
import { apiUrl, eventually, postComplaint } from '../support/http.ts';
import { chineseComplaint } from '../support/fixtures.ts';
import { staffRequest } from '../support/staff-client.ts';

await useLocalStack();
const { getComplaint, listEvents } = await import('../../functions/adapters/complaint-repository.ts');
const { issueDevToken } = await import('../../local/auth/issue-token.ts');

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

interface UploadAnswer {
  id: string;
  upload: { url: string; fields: Record<string, string> };
}

const newComplaint = async () =>
  (await (
    await postComplaint(
      chineseComplaint({ customer: { name: '王芳', email: `evidence-${randomUUID()}@example.com` } }),
    )
  ).json()) as { id: string; trackingToken: string };

const declare = (id: string, token: string, body: unknown) =>
  fetch(`${apiUrl()}/v1/complaints/${id}/attachments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tracking-token': token },
    body: JSON.stringify(body),
  });

/** Posts the file with the form exactly as a browser does: the fields in order, the file last. */
const upload = async ({ upload: form }: UploadAnswer, bytes: Buffer, contentType: string) => {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob([bytes], { type: contentType }), 'file');
  return fetch(form.url, { method: 'POST', body });
};

const attachmentOf = async (complaintId: string, attachmentId: string) =>
  (await getComplaint(complaintId))?.attachments?.find((attachment) => attachment.id === attachmentId);

const recorded = (complaintId: string, attachmentId: string) =>
  eventually(async () => {
    const attachment = await attachmentOf(complaintId, attachmentId);
    return attachment && attachment.status !== 'pending' ? attachment : undefined;
  });

describe('evidence files (local stack)', () => {
  it('uploads a photo through the presigned POST; it appears available on the case and downloads byte-identical', async () => {
    const { id, trackingToken } = await newComplaint();
    const declared = await declare(id, trackingToken, {
      fileName: '收据.png',
      contentType: 'image/png',
      size: PNG.length,
    });
    expect(declared.status).toBe(201);
    const answer = (await declared.json()) as UploadAnswer;
    expect(answer.upload.fields).toMatchObject({
      'Content-Type': 'image/png',
      key: `complaints/${id}/${answer.id}`,
    });

    const stored = await upload(answer, PNG, 'image/png');
    expect(stored.status).toBeLessThan(300);
    expect(await recorded(id, answer.id)).toMatchObject({
      status: 'available',
      size: PNG.length,
      fileName: '收据.png',
      detectedType: 'image/png',
      uploadedBy: { kind: 'customer' },
    });
    expect((await listEvents(id)).map((event) => event.type)).toContain('attachment.added');

    // The staff case lists it, and a presigned GET downloads the same bytes.
    const admin = await issueDevToken({ role: 'admin', subject: 'admin-evidence' });
    const caseBody = (await (await staffRequest(admin, `/v1/staff/complaints/${id}`)).json()) as {
      attachments: { id: string; status: string; fileName: string; contentType: string; size: number }[];
    };
    expect(caseBody.attachments).toEqual([
      expect.objectContaining({
        id: answer.id,
        status: 'available',
        contentType: 'image/png',
        size: PNG.length,
      }),
    ]);
    const link = (await (
      await staffRequest(admin, `/v1/staff/complaints/${id}/attachments/${answer.id}`)
    ).json()) as { url: string };
    const download = await fetch(link.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    // Both reads are in the case's access log, newest first (the read audit).
    const log = (await (await staffRequest(admin, `/v1/staff/complaints/${id}/access-log`)).json()) as {
      items: { kind: string; by: string; attachmentId?: string }[];
    };
    expect(log.items.filter((item) => item.by === 'admin-evidence').slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'attachment-download', attachmentId: answer.id }),
      expect.objectContaining({ kind: 'case-read' }),
    ]);

    // The complainant lists and fetches their own through the tracking token.
    const view = (await (
      await fetch(`${apiUrl()}/v1/complaints/${id}`, { headers: { 'x-tracking-token': trackingToken } })
    ).json()) as { attachments: { id: string }[] };
    expect(view.attachments.map((attachment) => attachment.id)).toEqual([answer.id]);
    const own = await fetch(`${apiUrl()}/v1/complaints/${id}/attachments/${answer.id}`, {
      headers: { 'x-tracking-token': trackingToken },
    });
    const ownLink = (await own.json()) as { url: string };
    expect(Buffer.from(await (await fetch(ownLink.url)).arrayBuffer()).equals(PNG)).toBe(true);
    expect(
      (
        await fetch(`${apiUrl()}/v1/complaints/${id}/attachments/${answer.id}`, {
          headers: { 'x-tracking-token': 'x' },
        })
      ).status,
    ).toBe(404);
  });

  it('refuses an .exe and a 5 GiB declaration with 400, storing nothing', async () => {
    const { id, trackingToken } = await newComplaint();
    const exe = await declare(id, trackingToken, {
      fileName: 'setup.exe',
      contentType: 'application/x-msdownload',
      size: 1000,
    });
    expect(exe.status).toBe(400);
    expect(exe.headers.get('content-type')).toContain('application/problem+json');
    expect(await exe.json()).toMatchObject({ errors: [{ field: 'contentType' }] });
    const huge = await declare(id, trackingToken, {
      fileName: 'clip.mp4',
      contentType: 'video/mp4',
      size: 5 * 1024 ** 3,
    });
    expect(huge.status).toBe(400);
    expect(await huge.json()).toMatchObject({ errors: [{ field: 'size' }] });
    expect((await getComplaint(id))?.attachments).toBeUndefined();
  });

  it('quarantines a PNG declared as a PDF, and never hands it out', async () => {
    const { id, trackingToken } = await newComplaint();
    const answer = (await (
      await declare(id, trackingToken, {
        fileName: 'invoice.pdf',
        contentType: 'application/pdf',
        size: 10_000,
      })
    ).json()) as UploadAnswer;
    expect((await upload(answer, PNG, 'application/pdf')).status).toBeLessThan(300);
    expect(await recorded(id, answer.id)).toMatchObject({ status: 'quarantined', detectedType: 'image/png' });
    const refused = await fetch(`${apiUrl()}/v1/complaints/${id}/attachments/${answer.id}`, {
      headers: { 'x-tracking-token': trackingToken },
    });
    expect(refused.status).toBe(409);
  });

  it('lets the POST policy refuse an upload larger than declared or of another type', async () => {
    const { id, trackingToken } = await newComplaint();
    const answer = (await (
      await declare(id, trackingToken, { fileName: 'a.pdf', contentType: 'application/pdf', size: 20 })
    ).json()) as UploadAnswer;
    const tooLarge = await upload(answer, PDF, 'application/pdf');
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain('<Code>EntityTooLarge</Code>');
    const otherType = await upload(
      {
        ...answer,
        upload: { ...answer.upload, fields: { ...answer.upload.fields, 'Content-Type': 'text/html' } },
      },
      PDF.subarray(0, 10),
      'text/html',
    );
    expect(otherType.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await attachmentOf(id, answer.id)).toMatchObject({ status: 'pending' });
  });

  it('records an inbound email’s attachment written with its object metadata', async () => {
    const { id } = await newComplaint();
    const attachmentId = '01JZZZZZZZZZZZZZZZZZZZZZZ0';
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: inject('s3Url'),
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: 'complaint-evidence',
        Key: `complaints/${id}/${attachmentId}`,
        Body: PDF,
        ContentType: 'application/pdf',
        Metadata: {
          source: 'email',
          'file-name': encodeURIComponent('发票 1.pdf'),
          'uploaded-by': 'customer',
        },
      }),
    );
    expect(await recorded(id, attachmentId)).toMatchObject({
      status: 'available',
      source: 'email',
      fileName: '发票 1.pdf',
      size: PDF.length,
    });
  });
});
