import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localClientConfig } from '../../local/aws-local.ts';
import type * as ComplaintRepository from '../../functions/adapters/complaint-repository.ts';
import { TEST_FOLLOW_UP } from '../support/local-stack.global-setup.ts';
import { emailsTo, eventually, sentEmails, type SentEmail } from '../support/http.ts';
import { loadStaffTokens, resolvedComplaint, staffAction, staffRequest } from '../support/staff-client.ts';
import { useLocalStack } from '../support/stack-client.ts';

const domain = inject('inboundDomain');
const complaintsAddress = `complaints@${domain}`;
const smtp = createTransport({ host: '127.0.0.1', port: inject('smtpPort'), secure: false, ignoreTLS: true });
const s3 = new S3Client({ ...localClientConfig(inject('s3Url')), forcePathStyle: true });
const dynamo = new DynamoDBClient(localClientConfig(inject('dynamoDbUrl')));

/** The smallest thing that starts like a JPEG (SOI, APP0) and ends like one (EOI). */
const PHOTO = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(64, 0x20),
  Buffer.from([0xff, 0xd9]),
]);

const send = (mail: Mail.Options) => smtp.sendMail(mail);

// Test-only inspection of the emulator's table; the product itself never scans.
const complaintIdsOf = async (email: string): Promise<string[]> => {
  const { Items = [] } = await dynamo.send(
    new ScanCommand({
      TableName: 'complaints',
      FilterExpression: 'customer.email = :email AND entity = :complaint',
      ExpressionAttributeValues: { ':email': { S: email }, ':complaint': { S: 'complaint' } },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => item.id!.S!);
};

const acknowledgementsTo = async (email: string): Promise<(SentEmail & { replyTo?: string[] })[]> =>
  (await emailsTo(email)).filter((mail) => /received your complaint|已收到您的投诉/u.test(mail.subject));

let listEvents: (complaintId: string) => Promise<{ type: string; details?: unknown }[]>;
let getComplaint: typeof ComplaintRepository.getComplaint;

beforeAll(async () => {
  await useLocalStack();
  ({ listEvents, getComplaint } = await import('../../functions/adapters/complaint-repository.ts'));
});

/**
 * A complaint taken to "resolved" through the staff API, then closed by its supervisor; its
 * acknowledgement's reply address, and when it was closed (on the stack's business clock).
 */
const closedComplaint = async () => {
  const complaint = await resolvedComplaint();
  const { supervisor } = await loadStaffTokens();
  // The workflow takes the result notice off the outbox just after mailing it (a new version).
  await eventually(async () => {
    const { version } = (await getComplaint(complaint.id))!;
    const closed = await staffAction(supervisor, complaint.id, { type: 'close', expectedVersion: version });
    if (closed.status === 409) return undefined;
    expect(closed.status).toBe(200);
    return closed;
  });
  const [ack] = await eventually(async () => {
    const acks = await acknowledgementsTo(complaint.email);
    return acks.length > 0 ? acks : undefined;
  }, 15_000);
  return {
    ...complaint,
    replyTo: ack!.replyTo![0]!,
    closedAt: (await getComplaint(complaint.id))!.closedAt!,
  };
};
afterAll(() => {
  smtp.close();
  s3.destroy();
  dynamo.destroy();
});

describe('inbound email over SMTP', () => {
  it('files a mail with a photo as one complaint, acknowledged once with a reply address, the photo as evidence; a reply lands on it', async () => {
    const customer = `m-${randomUUID()}@example.com`;
    await send({
      from: { name: 'Wang Fang', address: customer },
      to: complaintsAddress,
      subject: 'Cracked screen on delivery',
      text: 'The phone arrived yesterday with a cracked screen; a photo is attached.',
      attachments: [{ filename: 'screen photo.jpg', content: PHOTO, contentType: 'image/jpeg' }],
    });

    const [complaintId] = await eventually(async () => {
      const ids = await complaintIdsOf(customer);
      return ids.length > 0 ? ids : undefined;
    }, 15_000);
    const [ack] = await eventually(async () => {
      const acks = await acknowledgementsTo(customer);
      return acks.length > 0 ? acks : undefined;
    }, 15_000);
    // The reply address names this complaint and is signed; the mail says replying works.
    const replyTo = ack!.replyTo?.[0] ?? '';
    expect(replyTo).toMatch(
      new RegExp(`^reply\\+${complaintId!.toLowerCase()}-[0-9a-f]{20}@${domain}$`, 'u'),
    );
    expect(ack!.body.text).toContain('simply reply to this email');

    // Listed by a plain GET: s3rver refuses the SDK's signature on a listing (SignatureDoesNotMatch),
    // and lets an unsigned one through (no bucket policies here).
    const listing = await (
      await fetch(
        `${inject('s3Url')}/complaint-evidence?prefix=${encodeURIComponent(`complaints/${complaintId}/`)}`,
      )
    ).text();
    const keys = [...listing.matchAll(/<Key>([^<]+)<\/Key>/gu)].map((match) => match[1]!);
    expect(keys).toHaveLength(1);
    const photo = await s3.send(new HeadObjectCommand({ Bucket: 'complaint-evidence', Key: keys[0]! }));
    expect(photo.ContentType).toBe('image/jpeg');
    expect(photo.ContentLength).toBe(PHOTO.length);
    expect(photo.Metadata).toEqual({
      source: 'email',
      'file-name': encodeURIComponent('screen photo.jpg'),
      'uploaded-by': 'customer',
    });

    // The customer answers the acknowledgement from their mail client, quoting it.
    await send({
      from: customer,
      to: replyTo,
      subject: `Re: ${ack!.subject}`,
      inReplyTo: ack!.messageId,
      text: `It is the left corner that is cracked.\n\nOn Mon, 1 Jun 2026 at 10:00, Customer Service wrote:\n> ${ack!.body.text!.split('\n').join('\n> ')}`,
    });
    const reply = await eventually(async () => {
      const events = await listEvents(complaintId!);
      return events.find((event) => event.type === 'customer.replied');
    }, 15_000);
    expect(reply.details).toMatchObject({ message: 'It is the left corner that is cracked.' });
    // The same complaint, not a new one, and nothing acknowledged as new.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await complaintIdsOf(customer)).toEqual([complaintId]);
    expect(await acknowledgementsTo(customer)).toHaveLength(1);
  });

  it('ignores auto-replies, and a reply address whose token is forged', async () => {
    const customer = `auto-${randomUUID()}@example.com`;
    const before = (await sentEmails()).length;
    await send({
      from: customer,
      to: complaintsAddress,
      subject: 'Out of office',
      text: 'I am away until Monday and will read your message then.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await send({
      from: customer,
      to: `reply+01jzzzzzzzzzzzzzzzzzzzzzzz-0123456789abcdef0123@${domain}`,
      subject: 'Re: your complaint',
      text: 'Please add this to somebody else’s complaint.',
    });
    // A mail that files a complaint shows within a second or two; these must not, then or later.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await complaintIdsOf(customer)).toEqual([]);
    expect(
      (await sentEmails()).slice(before).filter((mail) => mail.destination.to.includes(customer)),
    ).toEqual([]);
  });

  it('refuses recipients outside the inbound domain at the SMTP level', async () => {
    await expect(
      send({ from: 'someone@example.com', to: 'complaints@example.org', subject: 'x', text: 'relay me' }),
    ).rejects.toThrow(/550/u);
  });

  it('tells the handler of a complaint closed within its reopen window, once, that the customer replied, and keeps the reply on it', async () => {
    const { id, reference, email, replyTo } = await closedComplaint();
    await send({ from: email, to: replyTo, subject: 'Re: 处理结果', text: '谢谢，水壶已经收到了。' });
    // The assignee as the directory gave them, else (accepted without one) the department's supervisors.
    const { assigneeContact, department } = (await getComplaint(id))!;
    expect(department).toBe('quality');
    const handler = assigneeContact?.email ?? 'quality-supervisor@example.com';
    const alertsTo = async () =>
      (await emailsTo(handler)).filter((mail) => mail.subject.includes(`【客户来信】${reference}`));
    const [alert] = await eventually(async () => {
      const found = await alertsTo();
      return found.length > 0 ? found : undefined;
    }, 15_000);
    expect(alert!.body.text).toContain(`/console/#/case/${id}`);
    const events = await listEvents(id);
    expect(events.filter((event) => event.type === 'customer.replied').at(-1)?.details).toMatchObject({
      message: '谢谢，水壶已经收到了。',
    });
    expect(events.filter((event) => event.type === 'notification.sent').at(-1)?.details).toEqual({
      kind: 'late-reply',
      recipients: [handler],
    });
    // Once: nothing more comes, the complaint stays closed and no new one is filed.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await alertsTo()).toHaveLength(1);
    const after = (await getComplaint(id))!;
    expect(after.status).toBe('closed');
    // (The follow-up goes on meanwhile: the survey may be queued; the alert is no longer.)
    expect((after.outbox ?? []).filter((message) => message.kind === 'late-reply')).toEqual([]);
    expect(await complaintIdsOf(email)).toEqual([id]);
  });

  it('files a reply after the reopen window as a new, acknowledged complaint that links the closed one', async () => {
    const { id, reference, email, replyTo, closedAt } = await closedComplaint();
    // The reopen window (3 business hours in the test policy) passes in about 3 s of the stack's clock.
    const windowEndsAt =
      inject('slaClockEpochMs') +
      (Date.parse(closedAt) + TEST_FOLLOW_UP.reopenWindow.hours * 3_600_000 - inject('slaClockEpochMs')) /
        inject('slaTimeScale');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowEndsAt - Date.now()) + 500));
    await send({
      from: email,
      to: replyTo,
      subject: 'Re: 处理结果',
      text: '新换的水壶又漏水了，请再处理一次。',
    });
    const newId = await eventually(
      async () => (await complaintIdsOf(email)).find((other) => other !== id),
      15_000,
    );
    const relatedTo = { id, reference };
    expect(await getComplaint(newId)).toMatchObject({ channel: 'email', relatedTo });
    expect((await listEvents(newId)).find((event) => event.type === 'complaint.linked')?.details).toEqual({
      relatedTo,
    });
    // Acknowledged as new (the first acknowledgement was the closed complaint's).
    await eventually(async () => ((await acknowledgementsTo(email)).length === 2 ? true : undefined), 15_000);
    // The old complaint has nothing new, and its handler is not alerted.
    expect((await listEvents(id)).some((event) => event.type === 'customer.replied')).toBe(false);
    // Staff see the link on the case.
    const { issueDevToken } = await import('../../local/auth/issue-token.ts');
    const admin = await issueDevToken({ role: 'admin', department: 'quality', subject: 'admin-1' });
    const detail = (await (await staffRequest(admin, `/v1/staff/complaints/${newId}`)).json()) as {
      relatedTo?: unknown;
    };
    expect(detail.relatedTo).toEqual(relatedTo);
  });
});
