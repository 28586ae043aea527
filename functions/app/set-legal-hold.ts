import type { Complaint } from '../domain/complaint.ts';
import { decideLegalHold, type LegalHoldDecision, type LegalHoldRequest } from '../domain/retention.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { ComplaintStore } from './ports.ts';

export type SetLegalHoldOutcome =
  { kind: 'saved'; complaint: Complaint } | { kind: 'refused'; why: 'anonymised' } | { kind: 'not-found' };

/**
 * A manager or admin sets or clears a complaint's legal hold (domain/retention.ts), audited with their
 * reason; while it is set the complaint is neither anonymised nor erased. Roles are checked by the
 * handler; setting the same reason twice changes nothing.
 */
export const setLegalHold = async (
  deps: { complaints: ComplaintStore },
  complaintId: string,
  request: LegalHoldRequest,
  principal: StaffPrincipal,
): Promise<SetLegalHoldOutcome> => {
  if (!(await deps.complaints.get(complaintId))) return { kind: 'not-found' };
  const actor = { kind: 'staff' as const, id: principal.subject, role: principal.roles.join(',') };
  const mutated = await deps.complaints.mutate<LegalHoldDecision>(complaintId, actor, (complaint, at) => {
    const decided = decideLegalHold(complaint, request, principal.subject, at);
    return { decision: decided.kind === 'changed' ? decided.decision : undefined, result: decided };
  });
  if (mutated.result.kind === 'refused') return { kind: 'refused', why: mutated.result.why };
  return { kind: 'saved', complaint: mutated.complaint };
};
