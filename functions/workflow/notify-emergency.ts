import { decideEmergencyAlert } from '../domain/lifecycle.ts';
import { applyDecision } from '../adapters/apply-decision.ts';
import { newId } from '../adapters/events.ts';
import { deliverOutbox } from '../adapters/notifications.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

/** L1 emergency path: senior management is told at once. Queued once, delivered at least once. */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  const { policy } = currentPolicy();
  await applyDecision(complaintId, { kind: 'system' }, (complaint, at) =>
    decideEmergencyAlert(policy, complaint, newId(at), at),
  );
  await deliverOutbox(complaintId);
  return { complaintId };
});
