import type { Complaint } from '../domain/complaint.ts';
import { decideEscalation } from '../domain/lifecycle.ts';
import type { SlaStage } from '../domain/vocabulary.ts';
import { applyDecision } from './apply-decision.ts';
import { deliverOutbox, type OutboxDeps } from './deliver-outbox.ts';
import type { BusinessMetrics } from './ports.ts';

/**
 * A stage's wait timed out: escalate one level (or remind past the last one) and mail the level's
 * recipients. Re-reads the complaint, so a stage that ended meanwhile, a paused clock or a repeated
 * call changes nothing; queued mail left by a crashed attempt is sent now.
 */
export const escalateStage = async (
  deps: OutboxDeps & { metrics: BusinessMetrics },
  complaintId: string,
  stage: SlaStage,
): Promise<{ complaint: Complaint; escalated: boolean; sent: number }> => {
  const { policy, calendar } = deps.policy.current();
  // What the saved decision did, for the business metrics (the last attempt's decision is the saved one).
  let breached = false;
  let escalated = false;
  const { complaint, applied } = await applyDecision(
    deps,
    complaintId,
    { kind: 'system' },
    (current, at, newId) => {
      const decision = decideEscalation(policy, calendar, current, stage, newId(), at);
      breached = !current.sla?.[stage].breachedAt && Boolean(decision?.changes.sla?.[stage].breachedAt);
      escalated = decision?.events.some((event) => event.type === 'sla.escalated') ?? false;
      return decision;
    },
  );
  if (applied && breached) deps.metrics.count('SlaBreached');
  if (applied && escalated) deps.metrics.count('Escalated');
  const sent = await deliverOutbox(deps, complaintId);
  return { complaint, escalated: applied, sent };
};
