import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { EvidenceFiles } from '../app/ports.ts';
import { attachmentKey } from '../domain/evidence.ts';
import { requireSetting } from './config.ts';
import { s3Client } from './s3.ts';

/**
 * Deletes a complaint's evidence objects (every key under its prefix, pending uploads' included) in
 * batches of up to 1,000, S3's limit per DeleteObjects. The bucket is versioned: the versions a delete
 * leaves behind expire under its lifecycle rule (infra/constructs/evidence-store.ts); nothing in the
 * application can read them.
 */
export const evidenceFiles: EvidenceFiles = {
  deleteAll: async (complaintId) => {
    const Bucket = requireSetting('EVIDENCE_BUCKET');
    const Prefix = attachmentKey(complaintId, '');
    let deleted = 0;
    let ContinuationToken: string | undefined;
    do {
      const page = await s3Client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken }));
      const keys = (page.Contents ?? []).flatMap(({ Key }) => (Key ? [{ Key }] : []));
      if (keys.length > 0) {
        const { Errors } = await s3Client.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys, Quiet: true } }),
        );
        if (Errors && Errors.length > 0)
          throw new Error(`${Errors.length} evidence object(s) of ${complaintId} could not be deleted`);
        deleted += keys.length;
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return deleted;
  },
};
