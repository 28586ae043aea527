import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Event } from 'aws-lambda';
import { recordEvidenceUpload, type RecordUploadResult } from '../app/record-evidence-upload.ts';
import { wallClock } from '../adapters/clock.ts';
import { complaintStore } from '../adapters/complaint-store.ts';
import { evidenceStorage } from '../adapters/evidence-storage.ts';
import { detectFileSignature, SIGNATURE_BYTES } from '../adapters/file-signature.ts';
import { logger } from '../adapters/logger.ts';
import { metrics } from '../adapters/metrics.ts';
import { policySource } from '../adapters/policy-source.ts';
import { backgroundHandler } from './task-handler.ts';

/** S3 event keys are URL-encoded, with `+` for spaces. */
const decodeKey = (key: string) => decodeURIComponent(key.replaceAll('+', ' '));

/**
 * An object was created in the evidence bucket (S3 event notification, invoked asynchronously): each
 * record is checked and recorded on its complaint. An error is thrown on, so Lambda's asynchronous
 * retries (and the failure destination) take it; a retry is safe, as a recorded object is left alone.
 */
export const handler = backgroundHandler(async (event: S3Event): Promise<RecordUploadResult[]> => {
  const results: RecordUploadResult[] = [];
  for (const record of event.Records) {
    const key = decodeKey(record.s3.object.key);
    const result = await recordEvidenceUpload(
      {
        store: complaintStore,
        wallClock,
        policy: policySource,
        storage: evidenceStorage,
        detect: detectFileSignature,
        signatureBytes: SIGNATURE_BYTES,
      },
      key,
      record.s3.object.size,
    );
    if (result.kind === 'recorded') {
      metrics.addMetric(
        result.status === 'available' ? 'EvidenceFilesRecorded' : 'EvidenceFilesQuarantined',
        MetricUnit.Count,
        1,
      );
      logger.info('Evidence file recorded', { key, status: result.status });
    } else {
      logger.warn('Evidence object not recorded', { key, outcome: result.kind });
    }
    results.push(result);
  }
  return results;
});
