import * as z from '../domain/zod.ts';
import { storeWaitToken } from '../adapters/complaint-repository.ts';
import { logger } from '../adapters/logger.ts';
import { signalWorkflow } from '../adapters/workflow-signals.ts';
import { SLA_STAGES } from '../domain/vocabulary.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

const registerInputSchema = z.extend(taskInputSchema, {
  /** An SLA stage, or the follow-up waiting for the survey answer. */
  stage: z.enum([...SLA_STAGES, 'followUp']),
  version: z.int(),
  taskToken: z.string().check(z.minLength(1)),
});

/**
 * Invoked by the stage's callback task: stores the task token where staff actions find it. If the
 * complaint changed after the stage was planned, the plan may be stale, so the token is returned at
 * once and the workflow plans again: a race costs a loop, never a missed signal.
 */
export const handler = workflowTask(
  registerInputSchema,
  async ({ complaintId, stage, version, taskToken }) => {
    const outcome = await storeWaitToken(complaintId, version, stage, taskToken);
    if (outcome === 'changed-since') {
      logger.info('Complaint changed since the stage was planned; re-planning', { complaintId, stage });
      await signalWorkflow({ id: complaintId, waitToken: taskToken });
    }
    return { complaintId, outcome };
  },
);
