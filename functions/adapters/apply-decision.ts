import type { Actor } from '../domain/audit-event.ts';
import type { Complaint } from '../domain/complaint.ts';
import type { Decision } from '../domain/lifecycle.ts';
import { now } from './clock.ts';
import { mutateComplaint } from './complaint-repository.ts';
import { toEvents } from './events.ts';

/**
 * Applies a domain decision to the stored complaint with optimistic locking: on a concurrent change
 * the complaint is read again and the decision taken again from the fresh state.
 */
export const applyDecision = async (
  complaintId: string,
  actor: Actor,
  decide: (complaint: Complaint, at: Date) => Decision | undefined,
): Promise<{ complaint: Complaint; applied: boolean }> => {
  let at = now();
  const outcome = await mutateComplaint(
    complaintId,
    (complaint) => {
      at = now();
      const decision = decide(complaint, at);
      if (!decision) return { result: false };
      return {
        changes: decision.changes,
        events: toEvents(complaintId, decision.events, actor, at),
        result: true,
      };
    },
    () => at,
  );
  return { complaint: outcome.complaint, applied: outcome.result };
};
