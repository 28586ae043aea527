import { parseAttachmentKey } from '../domain/evidence.ts';
import { decideUploadRecorded, type RecordOutcome } from '../domain/evidence-decisions.ts';
import type { Clock, ComplaintStore, EvidenceStorage, FileSignatureDetector, PolicySource } from './ports.ts';

export type RecordUploadResult =
  | { kind: 'not-evidence' }
  | { kind: 'gone' }
  | { kind: 'no-complaint' }
  | Exclude<RecordOutcome, { kind: 'recorded' }>
  | { kind: 'recorded'; status: string };

type Deps = {
  store: ComplaintStore;
  wallClock: Clock;
  policy: PolicySource;
  storage: EvidenceStorage;
  detect: FileSignatureDetector;
  signatureBytes: number;
};

/** Inbound mail marks its attachments with these metadata (x-amz-meta-*), written without a pending record. */
const fromEmail = (metadata: Record<string, string>, contentType: string | undefined) => {
  if (metadata.source !== 'email' || metadata['uploaded-by'] !== 'customer' || !metadata['file-name'])
    return undefined;
  try {
    return {
      fileName: decodeURIComponent(metadata['file-name']),
      contentType: (contentType ?? '').toLowerCase(),
    };
  } catch {
    return undefined;
  }
};

/**
 * An object was stored in the evidence bucket (S3 event): the one place an upload is recorded on its
 * complaint. Its first bytes are read (a ranged GET, never the whole file) and named by their magic
 * numbers; the domain decides `available` or `quarantined`.
 */
export const recordEvidenceUpload = async (
  deps: Deps,
  key: string,
  size: number,
): Promise<RecordUploadResult> => {
  const ids = parseAttachmentKey(key);
  if (!ids) return { kind: 'not-evidence' };
  if (!(await deps.store.get(ids.complaintId))) return { kind: 'no-complaint' };
  const start = await deps.storage.start(key, deps.signatureBytes);
  // Deleted (or overwritten and deleted) before this event was handled: nothing to record.
  if (!start) return { kind: 'gone' };
  const detectedType = await deps.detect(start.firstBytes);
  const email = fromEmail(start.metadata, start.contentType);
  const { evidence } = deps.policy.current().policy;
  const { result } = await deps.store.mutate<RecordOutcome>(
    ids.complaintId,
    email ? { kind: 'customer' } : { kind: 'system' },
    (complaint, at) => {
      const outcome = decideUploadRecorded(
        evidence,
        complaint,
        { attachmentId: ids.attachmentId, size, detectedType, fromEmail: email },
        at,
        deps.wallClock.now(),
      );
      return { decision: outcome.kind === 'recorded' ? outcome.decision : undefined, result: outcome };
    },
  );
  return result.kind === 'recorded' ? { kind: 'recorded', status: result.attachment.status } : result;
};
