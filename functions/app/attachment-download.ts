import type { Complaint } from '../domain/complaint.ts';
import { attachmentKey } from '../domain/evidence.ts';
import { downloadableAttachment } from '../domain/evidence-decisions.ts';
import type { EvidenceStorage, PolicySource } from './ports.ts';

export type DownloadResult =
  | { kind: 'not-found' }
  | { kind: 'not-available'; status: string }
  | { kind: 'scan-pending' }
  | { kind: 'infected' }
  | { kind: 'link'; url: string; expiresInSeconds: number };

/** GuardDuty's verdict on a clean object. */
const NO_THREATS_FOUND = 'NO_THREATS_FOUND';

/**
 * A download link to one evidence file, valid for the policy's minutes: only for an available file
 * (customers: only their own), and with malware scanning on, only once GuardDuty tagged it clean.
 */
export const attachmentDownload = async (
  deps: { policy: PolicySource; storage: EvidenceStorage; malwareScan: boolean },
  complaint: Complaint,
  attachmentId: string,
  reader: 'customer' | 'staff',
): Promise<DownloadResult> => {
  const outcome = downloadableAttachment(complaint, attachmentId, reader);
  if (outcome.kind !== 'available') return outcome;
  const key = attachmentKey(complaint.id, attachmentId);
  if (deps.malwareScan) {
    const verdict = await deps.storage.scanStatus(key);
    if (verdict === undefined) return { kind: 'scan-pending' };
    if (verdict !== NO_THREATS_FOUND) return { kind: 'infected' };
  }
  const expiresInSeconds = deps.policy.current().policy.evidence.downloadMinutes * 60;
  const { fileName, contentType } = outcome.attachment;
  return {
    kind: 'link',
    url: await deps.storage.downloadUrl(key, fileName, contentType, expiresInSeconds),
    expiresInSeconds,
  };
};
