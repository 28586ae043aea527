import type { EvidenceStorage } from '../app/ports.ts';
import { requireSetting } from './config.ts';
import { presignGet, presignPost } from './s3-signer.ts';

const bucket = () => requireSetting('EVIDENCE_BUCKET');

/** GuardDuty Malware Protection for S3 tags each scanned object with its verdict under this key. */
export const MALWARE_SCAN_TAG = 'GuardDutyMalwareScanStatus';

/** A read of our own bucket: a presigned GET valid for this long, used at once. */
const READ_LINK_SECONDS = 60;
/** As the SDK clients' attempts (aws-client-options.ts), with room for a few KB of body. */
const READ_TIMEOUT_MS = 5_000;

/**
 * Always a download, never rendered by the browser as a page. Without the file name: RFC 5987's
 * `filename*=UTF-8''…` needs `'` and `*`, which the local S3 emulator encodes differently from SigV4
 * when it checks a presigned URL's signature (it refuses the link); the pages name the saved file
 * themselves from the attachment's record.
 */
const CONTENT_DISPOSITION = 'attachment';

const read = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`S3 answered ${response.status} to a read of the evidence bucket`);
  return response;
};

/**
 * The evidence bucket over presigned requests (./s3-signer.ts): upload forms (POST policies), download
 * links, ranged reads of an object's first bytes, and its malware-scan tag.
 */
export const evidenceStorage: EvidenceStorage = {
  uploadForm: (key, contentType, maxBytes, expiresSeconds) =>
    // S3 refuses any other key, type or size: what was declared is what can be stored.
    presignPost(
      bucket(),
      { key, 'Content-Type': contentType },
      [['content-length-range', 1, maxBytes]],
      expiresSeconds,
    ),
  downloadUrl: (key, _fileName, contentType, expiresSeconds) =>
    presignGet(bucket(), key, expiresSeconds, {
      'response-content-disposition': CONTENT_DISPOSITION,
      'response-content-type': contentType,
    }),
  start: async (key, bytes) => {
    const response = await read(await presignGet(bucket(), key, READ_LINK_SECONDS), {
      range: `bytes=0-${bytes - 1}`,
    });
    if (!response) return undefined;
    const metadata: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name.startsWith('x-amz-meta-')) metadata[name.slice('x-amz-meta-'.length)] = value;
    });
    return {
      firstBytes: new Uint8Array(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? undefined,
      metadata,
    };
  },
  scanStatus: async (key) => {
    const response = await read(await presignGet(bucket(), key, READ_LINK_SECONDS, { tagging: '' }));
    if (!response) return undefined;
    // GetObjectTagging's XML: <Tag><Key>…</Key><Value>…</Value></Tag>; only GuardDuty's verdict is read.
    const tag = new RegExp(`<Key>${MALWARE_SCAN_TAG}</Key>\\s*<Value>([A-Z_]+)</Value>`, 'u').exec(
      await response.text(),
    );
    return tag?.[1];
  },
};
