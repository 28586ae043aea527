import { GetObjectCommand, GetObjectTaggingCommand, NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { EvidenceStorage } from '../app/ports.ts';
import { requireSetting } from './config.ts';
import { s3Client } from './s3.ts';

const bucket = () => requireSetting('EVIDENCE_BUCKET');

/** GuardDuty Malware Protection for S3 tags each scanned object with its verdict under this key. */
export const MALWARE_SCAN_TAG = 'GuardDutyMalwareScanStatus';

/**
 * Always a download, never rendered by the browser as a page. Without the file name: RFC 5987's
 * `filename*=UTF-8''…` needs `'` and `*`, which the local S3 emulator encodes differently from SigV4
 * when it checks a presigned URL's signature (it refuses the link); the pages name the saved file
 * themselves from the attachment's record.
 */
const CONTENT_DISPOSITION = 'attachment';

/**
 * No object under the key (yet): S3 answers NoSuchKey, modelled for GetObject; GetObjectTagging's
 * error carries the same code as its name. Any other failure (a missing bucket, no access) is thrown.
 */
const isMissingObject = (error: unknown) =>
  error instanceof NoSuchKey || (error instanceof S3ServiceException && error.name === 'NoSuchKey');

const unlessMissing = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await read();
  } catch (error) {
    if (isMissingObject(error)) return undefined;
    throw error;
  }
};

/**
 * The evidence bucket through the shared S3 client (./s3.ts): upload forms (POST policies) and
 * download links, both presigned; ranged reads of an object's first bytes; its malware-scan tag.
 */
export const evidenceStorage: EvidenceStorage = {
  uploadForm: (key, contentType, maxBytes, expiresSeconds) =>
    // S3 refuses any other key, type or size: what was declared is what can be stored.
    createPresignedPost(s3Client, {
      Bucket: bucket(),
      Key: key,
      Conditions: [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: expiresSeconds,
    }),
  downloadUrl: (key, _fileName, contentType, expiresSeconds) =>
    getSignedUrl(
      s3Client,
      new GetObjectCommand({
        Bucket: bucket(),
        Key: key,
        ResponseContentDisposition: CONTENT_DISPOSITION,
        ResponseContentType: contentType,
      }),
      { expiresIn: expiresSeconds },
    ),
  start: (key, bytes) =>
    unlessMissing(async () => {
      const { Body, ContentType, Metadata } = await s3Client.send(
        new GetObjectCommand({ Bucket: bucket(), Key: key, Range: `bytes=0-${bytes - 1}` }),
      );
      return {
        firstBytes: Body ? await Body.transformToByteArray() : new Uint8Array(),
        contentType: ContentType,
        // The SDK reads x-amz-meta-* headers into Metadata with the prefix removed, names lower-cased.
        metadata: { ...Metadata },
      };
    }),
  scanStatus: (key) =>
    unlessMissing(async () => {
      const { TagSet } = await s3Client.send(new GetObjectTaggingCommand({ Bucket: bucket(), Key: key }));
      return TagSet?.find((tag) => tag.Key === MALWARE_SCAN_TAG)?.Value;
    }),
};
