import type { AttachmentDetails, EventDraft } from './audit-event.ts';
import type { Complaint } from './complaint.ts';
import {
  type Attachment,
  type AttachmentDeclaration,
  type AttachmentUploader,
  checkDeclaration,
  type EvidencePolicy,
  liveAttachments,
  magicBytesMatch,
} from './evidence.ts';
import type { Decision } from './lifecycle.ts';
import type { ComplaintStatus } from './vocabulary.ts';

/** A complaint the customer can no longer add to: we declined it, or it is over. */
const CLOSED_TO_CUSTOMERS = new Set<ComplaintStatus>(['rejected', 'closed']);

export type AnnounceOutcome =
  | { kind: 'refused'; field: 'contentType' | 'fileName' | 'size'; reason: string }
  | { kind: 'closed' }
  | { kind: 'too-many'; max: number }
  | { kind: 'announced'; attachment: Attachment; decision: Decision };

/**
 * A client asks to upload a file: accepted when the policy takes its type, name and size, the complaint
 * still takes files from this uploader, and it has room for one more; the pending record then holds a
 * place among its files until the upload form expires (abandoned ones stop counting an hour later).
 */
export const decideAnnouncement = (
  policy: EvidencePolicy,
  complaint: Complaint,
  declaration: AttachmentDeclaration,
  uploader: AttachmentUploader,
  id: string,
  at: Date,
  /** The wall clock, which S3 checks the form's expiry by (`at` may be business time sped up locally). */
  wallNow: Date = at,
): AnnounceOutcome => {
  const check = checkDeclaration(policy, declaration);
  if (check.kind === 'refused') return check;
  if (uploader.kind === 'customer' && CLOSED_TO_CUSTOMERS.has(complaint.status)) return { kind: 'closed' };
  const live = liveAttachments(complaint.attachments, wallNow);
  if (live.length >= policy.maxFilesPerComplaint)
    return { kind: 'too-many', max: policy.maxFilesPerComplaint };
  const attachment: Attachment = {
    id,
    fileName: declaration.fileName,
    contentType: declaration.contentType,
    size: declaration.size,
    status: 'pending',
    source: 'upload',
    uploadedBy: uploader,
    createdAt: at.toISOString(),
    uploadBy: new Date(wallNow.getTime() + policy.uploadMinutes * 60_000).toISOString(),
  };
  // No audit event yet: a form handed out is no evidence; the upload's recording is.
  return {
    kind: 'announced',
    attachment,
    decision: { changes: { attachments: [...live, attachment] }, events: [] },
  };
};

/** What the evidence bucket says about a new object. */
export interface UploadedObject {
  attachmentId: string;
  /** The stored object's bytes. */
  size: number;
  /** What its first bytes are, as the magic-byte detector named them. */
  detectedType: string | undefined;
  /** Set for an inbound email's attachment, written without a pending record (its object metadata). */
  fromEmail?: { fileName: string; contentType: string } | undefined;
}

export type RecordOutcome =
  | { kind: 'recorded'; attachment: Attachment; decision: Decision }
  /** S3 delivers events at least once: an object already recorded is left as it is. */
  | { kind: 'already-recorded' }
  /** No pending record and no email metadata: nothing announced this object. */
  | { kind: 'unannounced' }
  /** An email attachment the policy does not take (type, name, size, or no room left). */
  | { kind: 'refused'; reason: string };

const detailsOf = (attachment: Attachment): AttachmentDetails => ({
  attachmentId: attachment.id,
  fileName: attachment.fileName,
  contentType: attachment.contentType,
  size: attachment.size,
  source: attachment.source,
});

/**
 * An object arrived in the evidence bucket: recorded on the complaint as `available` when its first
 * bytes are what its declared type says (and, for a form upload, it is no larger than declared — the
 * form's policy already refuses that), otherwise `quarantined`, never to be handed out. The audit event
 * is shown to the customer only for their own files.
 */
export const decideUploadRecorded = (
  policy: EvidencePolicy,
  complaint: Complaint,
  object: UploadedObject,
  at: Date,
  /** The wall clock, which pending forms expire by. */
  wallNow: Date = at,
): RecordOutcome => {
  const attachments = complaint.attachments ?? [];
  const existing = attachments.find((attachment) => attachment.id === object.attachmentId);
  if (existing && existing.status !== 'pending') return { kind: 'already-recorded' };
  let base: Attachment;
  if (existing) {
    base = existing;
  } else if (object.fromEmail) {
    const check = checkDeclaration(policy, { ...object.fromEmail, size: object.size });
    if (check.kind === 'refused') return { kind: 'refused', reason: check.reason };
    if (liveAttachments(attachments, wallNow).length >= policy.maxFilesPerComplaint)
      return { kind: 'refused', reason: `the complaint already has ${policy.maxFilesPerComplaint} files` };
    base = {
      id: object.attachmentId,
      ...object.fromEmail,
      size: object.size,
      status: 'pending',
      source: 'email',
      uploadedBy: { kind: 'customer' },
      createdAt: at.toISOString(),
    };
  } else {
    return { kind: 'unannounced' };
  }
  const matches = magicBytesMatch(base.contentType, object.detectedType) && object.size <= base.size;
  const { uploadBy: _uploadBy, ...settled } = base;
  const attachment: Attachment = {
    ...settled,
    size: object.size,
    status: matches ? 'available' : 'quarantined',
    recordedAt: at.toISOString(),
    ...(object.detectedType === undefined ? {} : { detectedType: object.detectedType }),
  };
  const customerVisible = attachment.uploadedBy.kind === 'customer';
  const event: EventDraft = matches
    ? { type: 'attachment.added', customerVisible, details: detailsOf(attachment) }
    : {
        type: 'attachment.quarantined',
        customerVisible,
        details: { ...detailsOf(attachment), detectedType: object.detectedType },
      };
  const live = liveAttachments(attachments, wallNow);
  const next = live.some((candidate) => candidate.id === attachment.id)
    ? live.map((candidate) => (candidate.id === attachment.id ? attachment : candidate))
    : [...live, attachment];
  return { kind: 'recorded', attachment, decision: { changes: { attachments: next }, events: [event] } };
};

export type DownloadOutcome =
  | { kind: 'not-found' }
  | { kind: 'not-available'; status: Attachment['status'] }
  | { kind: 'available'; attachment: Attachment };

/**
 * Which file a reader may download: only an `available` one; customers only their own (staff may
 * attach internal evidence the complainant does not see).
 */
export const downloadableAttachment = (
  complaint: Complaint,
  attachmentId: string,
  reader: 'customer' | 'staff',
): DownloadOutcome => {
  const attachment = complaint.attachments?.find((candidate) => candidate.id === attachmentId);
  if (!attachment || (reader === 'customer' && attachment.uploadedBy.kind !== 'customer'))
    return { kind: 'not-found' };
  if (attachment.status !== 'available') return { kind: 'not-available', status: attachment.status };
  return { kind: 'available', attachment };
};
