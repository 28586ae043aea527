import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import type { EmailEvidence } from '../../app/ports.ts';
import { requireSetting } from '../config.ts';
import { s3Client } from '../s3.ts';

/**
 * A mail's attachment written to the evidence bucket, where the evidence recorder (an S3 event
 * consumer) checks its bytes against the declared type and records it on the complaint: the one place
 * evidence is recorded, whether uploaded on the form or mailed. The object metadata says where it came
 * from, as that recorder expects of objects no upload announced.
 */
export const emailEvidence: EmailEvidence = {
  store: async (complaintId, attachment) => {
    const key = `complaints/${complaintId}/${ulid()}`;
    await s3Client.send(
      new PutObjectCommand({
        Bucket: requireSetting('EVIDENCE_BUCKET'),
        Key: key,
        Body: attachment.content,
        ContentType: attachment.contentType,
        Metadata: {
          source: 'email',
          'file-name': encodeURIComponent(attachment.fileName),
          'uploaded-by': 'customer',
        },
      }),
    );
    return key;
  },
};
