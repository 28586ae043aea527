import type { Actor } from '../domain/audit-event.ts';
import { attachmentKey, type AttachmentDeclaration, type AttachmentUploader } from '../domain/evidence.ts';
import { decideAnnouncement, type AnnounceOutcome } from '../domain/evidence-decisions.ts';
import type { Clock, ComplaintStore, EvidenceStorage, PolicySource, UploadForm } from './ports.ts';

export type AnnouncementResult =
  | { kind: 'not-found' }
  | Exclude<AnnounceOutcome, { kind: 'announced' }>
  | { kind: 'announced'; id: string; upload: UploadForm };

type Deps = { store: ComplaintStore; policy: PolicySource; storage: EvidenceStorage; wallClock: Clock };

/**
 * A customer or member of staff asks to upload a file: the policy decides whether it is taken, the
 * pending record is saved on the complaint, and the answer is a form that lets S3 store exactly that
 * file (its key, type and at most its declared size) until the form expires.
 */
export const announceAttachment = async (
  deps: Deps,
  complaintId: string,
  declaration: AttachmentDeclaration,
  uploader: AttachmentUploader,
): Promise<AnnouncementResult> => {
  if (!(await deps.store.get(complaintId))) return { kind: 'not-found' };
  const { evidence } = deps.policy.current().policy;
  const actor: Actor = uploader.kind === 'staff' ? { kind: 'staff', id: uploader.id } : { kind: 'customer' };
  const { result } = await deps.store.mutate<AnnounceOutcome>(complaintId, actor, (complaint, at, newId) => {
    const outcome = decideAnnouncement(
      evidence,
      complaint,
      declaration,
      uploader,
      newId(),
      at,
      deps.wallClock.now(),
    );
    return { decision: outcome.kind === 'announced' ? outcome.decision : undefined, result: outcome };
  });
  if (result.kind !== 'announced') return result;
  const { attachment } = result;
  const upload = await deps.storage.uploadForm(
    attachmentKey(complaintId, attachment.id),
    attachment.contentType,
    attachment.size,
    evidence.uploadMinutes * 60,
  );
  return { kind: 'announced', id: attachment.id, upload };
};
