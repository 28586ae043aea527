import type { Actor } from '../domain/audit-event.ts';
import type { AnonymisationReason } from '../domain/complaint.ts';
import { anonymisedEvent } from '../domain/personal-data.ts';
import {
  decideAnonymisation,
  decideAnonymisationComplete,
  retentionCutoff,
  type AnonymisationDecision,
  type AnonymisationRefusal,
} from '../domain/retention.ts';
import type { ComplaintStore, EvidenceFiles, PersonalDataStore, PolicySource } from './ports.ts';

export interface AnonymiseComplaintDeps {
  complaints: ComplaintStore;
  personalData: PersonalDataStore;
  evidence: EvidenceFiles;
  policy: PolicySource;
}

export interface AnonymiseComplaintRequest {
  complaintId: string;
  reason: AnonymisationReason;
  /** `retention` for the scheduled job; the erasure request's id or the member of staff behind it otherwise. */
  requestedBy: string;
}

export type AnonymiseComplaintOutcome =
  /** What was removed beside the complaint's own fields (0s when a half-done run is finished). */
  | { kind: 'anonymised'; files: number; mails: number; events: number }
  | { kind: 'already-anonymised' }
  | { kind: 'refused'; why: AnonymisationRefusal }
  | { kind: 'not-found' };

/**
 * Removes a finished complaint's personal data (domain/personal-data.ts): first its fields, in one
 * conditional write with its `complaint.anonymised` audit event (the point of no return, taken only
 * when neither a legal hold nor open work forbids it); then its evidence files, the copies of mail
 * sent to the customer, the text of its audit events and its assists' queue rows; last it marks the
 * anonymisation complete. Each step is idempotent, and a run that stops half-way leaves the complaint
 * in the retention index, due at once, so the next run (or a second call) finishes it. Called by the
 * retention job (app/run-retention.ts) and by erasure requests.
 */
export const anonymiseComplaint = async (
  deps: AnonymiseComplaintDeps,
  request: AnonymiseComplaintRequest,
): Promise<AnonymiseComplaintOutcome> => {
  const { complaintId, reason, requestedBy } = request;
  const actor: Actor = { kind: 'system', id: reason === 'retention' ? 'retention' : requestedBy };
  const { policy } = deps.policy.current();
  if (!(await deps.complaints.get(complaintId))) return { kind: 'not-found' };
  const first = await deps.complaints.mutate<AnonymisationDecision>(complaintId, actor, (complaint, at) => {
    const decided = decideAnonymisation(complaint, { reason, requestedBy }, at, retentionCutoff(policy, at));
    return { decision: decided.kind === 'anonymise' ? decided.decision : undefined, result: decided };
  });
  const decided = first.result;
  if (decided.kind === 'refused') return { kind: 'refused', why: decided.why };
  if (decided.kind === 'anonymised-before' && decided.complete) return { kind: 'already-anonymised' };

  const files = await deps.evidence.deleteAll(complaintId, first.complaint.anonymised?.files ?? []);
  const mails = await deps.personalData.deleteSentMail(complaintId);
  const changed = (await deps.complaints.events(complaintId))
    .map((event) => ({ event, redacted: anonymisedEvent(event) }))
    .filter(({ event, redacted }) => redacted !== event)
    .map(({ redacted }) => redacted);
  await deps.personalData.replaceEvents(changed);
  await deps.personalData.refreshAssistRows(first.complaint);

  await deps.complaints.mutate(complaintId, actor, (complaint) => ({
    decision: decideAnonymisationComplete(complaint),
    result: undefined,
  }));
  return { kind: 'anonymised', files, mails, events: changed.length };
};
