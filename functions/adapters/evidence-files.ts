import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { EvidenceFiles } from '../app/ports.ts';
import { attachmentKey } from '../domain/evidence.ts';
import { requireSetting } from './config.ts';
import { s3Client } from './s3.ts';

/**
 * Deletes evidence objects by their keys (S3 answers a delete of a missing key with success, so a
 * second run is harmless). By key rather than by listing the complaint's prefix: the complaint records
 * every file it handed an upload form out for or received by mail, and a listing would need
 * s3:ListBucket on the whole bucket (the local S3 emulator also refuses SDK v3's signed bucket-level
 * requests). The bucket is versioned: the versions a delete leaves behind expire under its lifecycle
 * rule (infra/constructs/evidence-store.ts); nothing in the application can read them.
 */
export const evidenceFiles: EvidenceFiles = {
  deleteAll: async (complaintId, attachmentIds) => {
    const Bucket = requireSetting('EVIDENCE_BUCKET');
    for (const id of attachmentIds) {
      await s3Client.send(new DeleteObjectCommand({ Bucket, Key: attachmentKey(complaintId, id) }));
    }
    return attachmentIds.length;
  },
};
