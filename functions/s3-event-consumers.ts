/**
 * The functions S3 notifies of new objects, declared once: the CDK stack adds a bucket notification per
 * entry, the local runtime delivers the S3 emulator's events to the same handlers.
 */
import type { FunctionAccess } from './function-access.ts';

/** The buckets, by role (their names come from the environment: EVIDENCE_BUCKET, INBOUND_MAIL_BUCKET). */
export type BucketRole = 'evidence' | 'inboundMail';

export interface S3EventConsumer {
  /** Logical name, used for the Lambda function's construct id. */
  name: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  /** The bucket whose object-created events it receives. */
  bucket: BucketRole;
  /** Key prefix filter, as in the bucket's notification configuration. */
  prefix?: string;
  access: FunctionAccess;
}

/** Records each uploaded evidence file on its complaint, after checking its magic bytes. */
export const EVIDENCE_RECORDER = {
  name: 'RecordEvidenceUpload',
  entry: 'functions/workflow/record-evidence-upload.ts',
  bucket: 'evidence',
  prefix: 'complaints/',
  // Reads the object's first bytes, updates the complaint, checks types and counts against the policy.
  access: { table: 'readWrite', readsPolicy: true, evidence: 'read' },
} as const satisfies S3EventConsumer;

export const S3_EVENT_CONSUMERS: readonly S3EventConsumer[] = [EVIDENCE_RECORDER];
