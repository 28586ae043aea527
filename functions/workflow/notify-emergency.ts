import { alertEmergency } from '../app/alert-emergency.ts';
import { outboxDeps } from './outbox-deps.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

/** L1 emergency path: senior management is told at once (see app/alert-emergency.ts). */
export const handler = workflowTask(taskInputSchema, async ({ complaintId }) => {
  await alertEmergency(outboxDeps, complaintId);
  return { complaintId };
});
