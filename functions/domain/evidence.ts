import * as z from './zod.ts';

/**
 * Evidence files on a complaint (photos, documents, recordings): which files are accepted, and what a
 * file's record says. The bytes live in the evidence bucket under `complaints/<complaintId>/<id>`;
 * the complaint keeps one small record per file (at most `maxFilesPerComplaint`, a few hundred bytes
 * each, so the case stays far inside its 5 MB bound). Plain data and zod schemas: the web app imports
 * the defaults and the declaration schema to check a file before it uploads it.
 */

/**
 * `pending`: announced, its upload form handed out, no object yet; `available`: uploaded and its first
 * bytes are what its type says; `quarantined`: they are not (a renamed executable, a PNG sent as a PDF),
 * so it is never handed out; `infected`: the malware scan found a threat.
 */
export const ATTACHMENT_STATUSES = ['pending', 'available', 'quarantined', 'infected'] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

/** How the file reached us: an upload form (public pages, console) or an inbound email's attachment. */
export const ATTACHMENT_SOURCES = ['upload', 'email'] as const;
export type AttachmentSource = (typeof ATTACHMENT_SOURCES)[number];

export interface AttachmentUploader {
  kind: 'customer' | 'staff';
  /** The member of staff (identity-provider subject) and their name; staff only, never shown to the customer. */
  id?: string | undefined;
  name?: string | undefined;
}

/** One evidence file's record on the complaint. */
export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  /** Declared bytes while pending; the stored object's size once uploaded. */
  size: number;
  status: AttachmentStatus;
  source: AttachmentSource;
  uploadedBy: AttachmentUploader;
  createdAt: string;
  /** Pending only: when its upload form expires. */
  uploadBy?: string | undefined;
  /** When the uploaded object was checked and recorded. */
  recordedAt?: string | undefined;
  /** What the file's first bytes say it is (absent when no signature was recognised). */
  detectedType?: string | undefined;
}

export interface EvidenceType {
  /** Largest accepted file of this type, in bytes. */
  maxBytes: number;
  /** File name extensions (lower case, no dot) a file of this type may have. */
  extensions: string[];
}

export interface EvidencePolicy {
  /** Files on one complaint, pending uploads included (each upload form counts until it expires). */
  maxFilesPerComplaint: number;
  /** How long an upload form (presigned POST) is valid. */
  uploadMinutes: number;
  /** How long a download link (presigned GET) is valid. */
  downloadMinutes: number;
  /** The accepted content types; anything else (executables, unknown types) is refused. */
  types: Record<string, EvidenceType>;
}

const MB = 1024 * 1024;

/** The defaults of the policy's `evidence` section: images and documents up to 20 MB, audio 50 MB, video 200 MB. */
export const DEFAULT_EVIDENCE_POLICY: EvidencePolicy = {
  maxFilesPerComplaint: 10,
  uploadMinutes: 15,
  downloadMinutes: 5,
  types: {
    'image/jpeg': { maxBytes: 20 * MB, extensions: ['jpg', 'jpeg'] },
    'image/png': { maxBytes: 20 * MB, extensions: ['png'] },
    'image/gif': { maxBytes: 20 * MB, extensions: ['gif'] },
    'image/webp': { maxBytes: 20 * MB, extensions: ['webp'] },
    'image/heic': { maxBytes: 20 * MB, extensions: ['heic'] },
    'application/pdf': { maxBytes: 20 * MB, extensions: ['pdf'] },
    'application/msword': { maxBytes: 20 * MB, extensions: ['doc'] },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
      maxBytes: 20 * MB,
      extensions: ['docx'],
    },
    'application/vnd.ms-excel': { maxBytes: 20 * MB, extensions: ['xls'] },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      maxBytes: 20 * MB,
      extensions: ['xlsx'],
    },
    'application/vnd.ms-powerpoint': { maxBytes: 20 * MB, extensions: ['ppt'] },
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
      maxBytes: 20 * MB,
      extensions: ['pptx'],
    },
    'audio/mpeg': { maxBytes: 50 * MB, extensions: ['mp3'] },
    'audio/mp4': { maxBytes: 50 * MB, extensions: ['m4a'] },
    'audio/wav': { maxBytes: 50 * MB, extensions: ['wav'] },
    'video/mp4': { maxBytes: 200 * MB, extensions: ['mp4'] },
    'video/quicktime': { maxBytes: 200 * MB, extensions: ['mov'] },
    'video/webm': { maxBytes: 200 * MB, extensions: ['webm'] },
  },
};

/**
 * Other names the magic-byte detector (file-type) gives a type's files: legacy Office files are all
 * Compound File Binary containers, OOXML files are zip archives (told apart only by entries that may lie
 * beyond the bytes read), and an M4A is an MP4 container.
 */
const DETECTED_ALIASES: Record<string, readonly string[]> = {
  'application/msword': ['application/x-cfb'],
  'application/vnd.ms-excel': ['application/x-cfb'],
  'application/vnd.ms-powerpoint': ['application/x-cfb'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['application/zip'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['application/zip'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['application/zip'],
  'audio/mp4': ['audio/x-m4a', 'video/mp4'],
  'video/mp4': ['video/x-m4v'],
  'image/heic': ['image/heif'],
};

/** Whether a file's first bytes (as the detector named them) fit its declared type. */
export const magicBytesMatch = (declaredType: string, detectedType: string | undefined): boolean =>
  detectedType !== undefined &&
  (detectedType === declaredType || (DETECTED_ALIASES[declaredType] ?? []).includes(detectedType));

// Path separators and control characters: a name is shown and used in Content-Disposition, never a path.
// eslint-disable-next-line no-control-regex -- the control characters are what it looks for
const UNSAFE_FILE_NAME = /[\u0000-\u001f\u007f/\\]/u;

/** What a client declares before it uploads a file; the upload form then allows exactly that. */
export const attachmentDeclarationSchema = z.strictObject({
  fileName: z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(255),
    z.refine(
      (name) => !UNSAFE_FILE_NAME.test(name),
      'must be a file name without path or control characters',
    ),
  ),
  contentType: z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(255)),
  /** Bytes; up to 5 TiB (S3's object limit) parses, the type's limit then decides. */
  size: z.int().check(z.gte(1), z.lte(5 * 1024 ** 4)),
});
export type AttachmentDeclaration = z.infer<typeof attachmentDeclarationSchema>;

export type DeclarationCheck =
  { kind: 'accepted' } | { kind: 'refused'; field: 'contentType' | 'fileName' | 'size'; reason: string };

const extensionOf = (fileName: string): string | undefined => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : undefined;
};

/** Whether the policy accepts a file of this type, name and size (the first reason it does not). */
export const checkDeclaration = (
  policy: EvidencePolicy,
  declaration: AttachmentDeclaration,
): DeclarationCheck => {
  const type = policy.types[declaration.contentType];
  if (!type)
    return {
      kind: 'refused',
      field: 'contentType',
      reason: `files of type ${declaration.contentType} are not accepted; accepted: ${Object.keys(policy.types).join(', ')}`,
    };
  const extension = extensionOf(declaration.fileName);
  if (extension === undefined || !type.extensions.includes(extension))
    return {
      kind: 'refused',
      field: 'fileName',
      reason: `a ${declaration.contentType} file must be named .${type.extensions.join(' or .')}`,
    };
  if (declaration.size > type.maxBytes)
    return {
      kind: 'refused',
      field: 'size',
      reason: `a ${declaration.contentType} file may have at most ${type.maxBytes} bytes`,
    };
  return { kind: 'accepted' };
};

/** The bucket key of an attachment's object. */
export const attachmentKey = (complaintId: string, attachmentId: string): string =>
  `complaints/${complaintId}/${attachmentId}`;

/** The complaint and attachment ids of a key in the evidence bucket; undefined for any other key. */
export const parseAttachmentKey = (
  key: string,
): { complaintId: string; attachmentId: string } | undefined => {
  const match = /^complaints\/([0-9A-HJKMNP-TV-Z]{26})\/([0-9A-HJKMNP-TV-Z]{26})$/u.exec(key);
  return match ? { complaintId: match[1]!, attachmentId: match[2]! } : undefined;
};

/**
 * A pending record whose upload form expired an hour ago: an upload started in time has finished (or
 * failed) by then, so the record no longer holds a place among the complaint's files.
 */
const PENDING_GRACE_MS = 60 * 60 * 1000;

/** The complaint's attachments without pending ones abandoned long enough ago. */
export const liveAttachments = (attachments: readonly Attachment[] | undefined, at: Date): Attachment[] =>
  (attachments ?? []).filter(
    (attachment) =>
      attachment.status !== 'pending' ||
      attachment.uploadBy === undefined ||
      Date.parse(attachment.uploadBy) + PENDING_GRACE_MS > at.getTime(),
  );

/** The answer to a declaration: the file's id and the form that uploads it (an S3 presigned POST). */
export const attachmentUploadSchema = z.strictObject({
  id: z.string(),
  upload: z.strictObject({
    /** Post a multipart form here: `fields` first, in order, then the file as `file`. */
    url: z.url(),
    fields: z.record(z.string(), z.string()),
  }),
});
export type AttachmentUpload = z.infer<typeof attachmentUploadSchema>;

/** A download link to one file, valid for `expiresInSeconds`. */
export const attachmentLinkSchema = z.strictObject({ url: z.url(), expiresInSeconds: z.int() });
export type AttachmentLink = z.infer<typeof attachmentLinkSchema>;

/** What the complainant sees of their own files: no staff identities, no detector's verdict. */
export interface CustomerAttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  status: AttachmentStatus;
  createdAt: string;
}

/**
 * The complainant's own files (staff may add internal evidence they do not see); pending ones are
 * left out: a file shows once it is uploaded and checked.
 */
export const customerAttachments = (
  attachments: readonly Attachment[] | undefined,
): CustomerAttachmentView[] =>
  (attachments ?? [])
    .filter((attachment) => attachment.uploadedBy.kind === 'customer' && attachment.status !== 'pending')
    .map(({ id, fileName, contentType, size, status, createdAt }) => ({
      id,
      fileName,
      contentType,
      size,
      status,
      createdAt,
    }));
