import { decideEscalation } from '../domain/lifecycle.ts';
import { applyDecision } from '../adapters/apply-decision.ts';
import { newId } from '../adapters/events.ts';
import { logger } from '../adapters/logger.ts';
import { deliverOutbox } from '../adapters/notifications.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { stageInputSchema, workflowTask } from './task-handler.ts';

/**
 * A stage's wait timed out: escalate one level (or remind past the last one) and mail the level's
 * recipients. Re-reads the complaint, so a stage that ended meanwhile, a paused clock or a repeated
 * call changes nothing; queued mail left by a crashed attempt is sent now.
 */
export const handler = workflowTask(stageInputSchema, async ({ complaintId, stage }) => {
  const { policy, calendar } = currentPolicy();
  const { complaint, applied } = await applyDecision(complaintId, { kind: 'system' }, (current, at) =>
    decideEscalation(policy, calendar, current, stage, newId(at), at),
  );
  const sent = await deliverOutbox(complaintId);
  logger.info('Stage checked', {
    complaintId,
    stage,
    escalated: applied,
    level: complaint.sla?.escalationLevel,
    notificationsSent: sent,
  });
  return { complaintId };
});
