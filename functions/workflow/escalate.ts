import { escalateStage } from '../app/escalate-stage.ts';
import { logger } from '../adapters/logger.ts';
import { businessMetrics } from '../adapters/metrics.ts';
import { outboxDeps } from './outbox-deps.ts';
import { stageInputSchema, workflowTask } from './task-handler.ts';

/** A stage's wait timed out: escalate or remind (see app/escalate-stage.ts). */
export const handler = workflowTask(stageInputSchema, async ({ complaintId, stage }) => {
  const { complaint, escalated, sent } = await escalateStage(
    { ...outboxDeps, metrics: businessMetrics },
    complaintId,
    stage,
  );
  logger.info('Stage checked', {
    complaintId,
    stage,
    escalated,
    level: complaint.sla?.escalationLevel,
    notificationsSent: sent,
  });
  return { complaintId };
});
