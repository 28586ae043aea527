import { describe, expect, it } from 'vitest';
import {
  attachmentDeclarationSchema,
  attachmentKey,
  checkDeclaration,
  DEFAULT_EVIDENCE_POLICY,
  liveAttachments,
  magicBytesMatch,
  parseAttachmentKey,
  type Attachment,
} from '../../../functions/domain/evidence.ts';
import {
  decideAnnouncement,
  decideUploadRecorded,
  downloadableAttachment,
} from '../../../functions/domain/evidence-decisions.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { defaultPolicy } from '../../support/policy.ts';

const policy = defaultPolicy().evidence;
const AT = new Date('2026-03-02T10:00:00.000Z');
const ID = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const MB = 1024 * 1024;
const photo = { fileName: 'receipt.jpg', contentType: 'image/jpeg', size: 3 * MB };
const customer = { kind: 'customer' as const };

const announced = (complaint = receivedComplaint(AT)) => {
  const outcome = decideAnnouncement(policy, complaint, photo, customer, ID, AT);
  if (outcome.kind !== 'announced') throw new Error(outcome.kind);
  return { ...complaint, ...outcome.decision.changes };
};

describe('evidence: which files are accepted', () => {
  it('has the policy file carry the defaults: 10 files, images and documents 20 MB, video 200 MB', () => {
    expect(policy).toEqual(DEFAULT_EVIDENCE_POLICY);
    expect(policy.maxFilesPerComplaint).toBe(10);
    expect(policy.types['image/png']!.maxBytes).toBe(20 * MB);
    expect(policy.types['application/pdf']!.maxBytes).toBe(20 * MB);
    expect(policy.types['video/mp4']!.maxBytes).toBe(200 * MB);
  });

  it('accepts a photo within its size', () => {
    expect(checkDeclaration(policy, photo)).toEqual({ kind: 'accepted' });
  });

  it('refuses executables and unknown types by their type', () => {
    expect(
      checkDeclaration(policy, {
        fileName: 'setup.exe',
        contentType: 'application/x-msdownload',
        size: 1000,
      }),
    ).toMatchObject({ kind: 'refused', field: 'contentType' });
    expect(
      checkDeclaration(policy, { fileName: 'a.bin', contentType: 'application/octet-stream', size: 1 }),
    ).toMatchObject({ kind: 'refused', field: 'contentType' });
  });

  it('refuses an executable declared as an image by its name', () => {
    expect(checkDeclaration(policy, { ...photo, fileName: 'photo.jpg.exe' })).toMatchObject({
      kind: 'refused',
      field: 'fileName',
    });
    expect(checkDeclaration(policy, { ...photo, fileName: 'noextension' })).toMatchObject({
      field: 'fileName',
    });
  });

  it('refuses a file over its type limit, and a 5 GiB declaration', () => {
    expect(checkDeclaration(policy, { ...photo, size: 20 * MB })).toEqual({ kind: 'accepted' });
    expect(checkDeclaration(policy, { ...photo, size: 20 * MB + 1 })).toMatchObject({ field: 'size' });
    expect(
      checkDeclaration(policy, { fileName: 'clip.mp4', contentType: 'video/mp4', size: 5 * 1024 ** 3 }),
    ).toMatchObject({ kind: 'refused', field: 'size' });
  });

  it('parses declarations: no paths or control characters in names, sizes from 1 byte, types lower-cased', () => {
    expect(attachmentDeclarationSchema.safeParse({ ...photo, fileName: '../etc/passwd.jpg' }).success).toBe(
      false,
    );
    expect(attachmentDeclarationSchema.safeParse({ ...photo, fileName: 'a\nb.jpg' }).success).toBe(false);
    expect(attachmentDeclarationSchema.safeParse({ ...photo, size: 0 }).success).toBe(false);
    expect(attachmentDeclarationSchema.parse({ ...photo, contentType: 'Image/JPEG' }).contentType).toBe(
      'image/jpeg',
    );
  });

  it('matches magic bytes against the declared type, with the detector’s container names', () => {
    expect(magicBytesMatch('image/png', 'image/png')).toBe(true);
    expect(magicBytesMatch('application/pdf', 'image/png')).toBe(false);
    expect(magicBytesMatch('application/pdf', undefined)).toBe(false);
    expect(magicBytesMatch('application/msword', 'application/x-cfb')).toBe(true);
    expect(
      magicBytesMatch(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/zip',
      ),
    ).toBe(true);
    expect(magicBytesMatch('image/jpeg', 'application/x-msdownload')).toBe(false);
  });

  it('keeps keys and ids together', () => {
    const key = attachmentKey(ID, '01JBBBBBBBBBBBBBBBBBBBBBBB');
    expect(parseAttachmentKey(key)).toEqual({ complaintId: ID, attachmentId: '01JBBBBBBBBBBBBBBBBBBBBBBB' });
    expect(parseAttachmentKey('complaints/../x')).toBeUndefined();
  });
});

describe('evidence: announcing and recording uploads', () => {
  it('announces a pending file whose form expires after the policy’s minutes, without an audit event', () => {
    const outcome = decideAnnouncement(policy, receivedComplaint(AT), photo, customer, ID, AT);
    expect(outcome).toMatchObject({
      kind: 'announced',
      attachment: { id: ID, status: 'pending', size: 3 * MB, uploadBy: '2026-03-02T10:15:00.000Z' },
      decision: { events: [] },
    });
  });

  it('refuses the file after the last, counting pending uploads until they are abandoned', () => {
    let complaint = receivedComplaint(AT);
    for (let index = 0; index < policy.maxFilesPerComplaint; index += 1) {
      const outcome = decideAnnouncement(policy, complaint, photo, customer, `ID${index}`, AT);
      if (outcome.kind !== 'announced') throw new Error(outcome.kind);
      complaint = { ...complaint, ...outcome.decision.changes };
    }
    expect(decideAnnouncement(policy, complaint, photo, customer, 'next', AT)).toEqual({
      kind: 'too-many',
      max: 10,
    });
    // An hour after the forms expired, the abandoned ones no longer count.
    const later = new Date(AT.getTime() + (15 + 61) * 60_000);
    expect(liveAttachments(complaint.attachments, later)).toEqual([]);
    expect(decideAnnouncement(policy, complaint, photo, customer, 'next', later).kind).toBe('announced');
  });

  it('takes no files from the customer on a closed complaint; staff may still add', () => {
    const closed = receivedComplaint(AT, { status: 'closed' });
    expect(decideAnnouncement(policy, closed, photo, customer, ID, AT)).toEqual({ kind: 'closed' });
    expect(decideAnnouncement(policy, closed, photo, { kind: 'staff', id: 's1' }, ID, AT).kind).toBe(
      'announced',
    );
  });

  it('records an upload whose bytes match as available, shown to the customer', () => {
    const outcome = decideUploadRecorded(
      policy,
      announced(),
      { attachmentId: ID, size: 1234, detectedType: 'image/jpeg' },
      AT,
    );
    expect(outcome).toMatchObject({
      kind: 'recorded',
      attachment: {
        status: 'available',
        size: 1234,
        detectedType: 'image/jpeg',
        recordedAt: AT.toISOString(),
      },
      decision: { events: [{ type: 'attachment.added', customerVisible: true }] },
    });
    if (outcome.kind === 'recorded') expect(outcome.attachment.uploadBy).toBeUndefined();
  });

  it('quarantines an upload whose bytes are another type', () => {
    const outcome = decideUploadRecorded(
      policy,
      announced(),
      { attachmentId: ID, size: 1234, detectedType: 'image/png' },
      AT,
    );
    expect(outcome).toMatchObject({
      kind: 'recorded',
      attachment: { status: 'quarantined' },
      decision: { events: [{ type: 'attachment.quarantined', details: { detectedType: 'image/png' } }] },
    });
  });

  it('records each object once, and ignores objects nothing announced', () => {
    const outcome = decideUploadRecorded(
      policy,
      announced(),
      { attachmentId: ID, size: 1, detectedType: 'image/jpeg' },
      AT,
    );
    if (outcome.kind !== 'recorded') throw new Error(outcome.kind);
    const recorded = { ...receivedComplaint(AT), ...outcome.decision.changes };
    expect(
      decideUploadRecorded(policy, recorded, { attachmentId: ID, size: 1, detectedType: 'image/jpeg' }, AT),
    ).toEqual({ kind: 'already-recorded' });
    expect(
      decideUploadRecorded(
        policy,
        receivedComplaint(AT),
        { attachmentId: ID, size: 1, detectedType: 'image/jpeg' },
        AT,
      ),
    ).toEqual({ kind: 'unannounced' });
  });

  it('records an email attachment from its object metadata, within the policy', () => {
    const fromEmail = { fileName: 'invoice.pdf', contentType: 'application/pdf' };
    expect(
      decideUploadRecorded(
        policy,
        receivedComplaint(AT),
        { attachmentId: ID, size: 500, detectedType: 'application/pdf', fromEmail },
        AT,
      ),
    ).toMatchObject({
      kind: 'recorded',
      attachment: { source: 'email', status: 'available', uploadedBy: customer },
    });
    expect(
      decideUploadRecorded(
        policy,
        receivedComplaint(AT),
        {
          attachmentId: ID,
          size: 1,
          detectedType: undefined,
          fromEmail: { fileName: 'x.exe', contentType: 'application/x-msdownload' },
        },
        AT,
      ).kind,
    ).toBe('refused');
  });

  it('hands out only available files, and to the customer only their own', () => {
    const file = (overrides: Partial<Attachment>): Attachment => ({
      id: ID,
      fileName: 'a.jpg',
      contentType: 'image/jpeg',
      size: 1,
      status: 'available',
      source: 'upload',
      uploadedBy: customer,
      createdAt: AT.toISOString(),
      ...overrides,
    });
    const complaint = (attachment: Attachment) => receivedComplaint(AT, { attachments: [attachment] });
    expect(downloadableAttachment(complaint(file({})), ID, 'customer').kind).toBe('available');
    expect(downloadableAttachment(complaint(file({ status: 'quarantined' })), ID, 'staff')).toEqual({
      kind: 'not-available',
      status: 'quarantined',
    });
    expect(
      downloadableAttachment(complaint(file({ uploadedBy: { kind: 'staff', id: 's' } })), ID, 'customer'),
    ).toEqual({
      kind: 'not-found',
    });
    expect(downloadableAttachment(complaint(file({})), 'other', 'staff')).toEqual({ kind: 'not-found' });
  });
});
