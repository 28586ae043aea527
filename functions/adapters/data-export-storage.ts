import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DataExportStorage } from '../app/data-request-ports.ts';
import { requireSetting } from './config.ts';
import { s3Client } from './s3.ts';

const bucket = () => requireSetting('EVIDENCE_BUCKET');

/**
 * Personal-data exports in the evidence bucket, under `data-requests/` (a lifecycle rule there deletes
 * them after 30 days, past every download link), and download links to them.
 */
export const dataExportStorage: DataExportStorage = {
  put: async (key, document) => {
    const body = Buffer.from(document, 'utf8');
    await s3Client.send(
      new PutObjectCommand({
        Bucket: bucket(),
        Key: key,
        Body: body,
        ContentType: 'application/json; charset=utf-8',
      }),
    );
    return body.byteLength;
  },
  downloadUrl: (key, contentType, expiresSeconds) =>
    getSignedUrl(
      s3Client,
      new GetObjectCommand({
        Bucket: bucket(),
        Key: key,
        // Always saved, never rendered as a page (see evidence-storage.ts on the file name).
        ResponseContentDisposition: 'attachment',
        ResponseContentType: contentType,
      }),
      { expiresIn: expiresSeconds },
    ),
};
