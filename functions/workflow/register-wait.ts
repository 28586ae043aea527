import * as z from '../domain/zod.ts';
import { registerWait } from '../app/register-wait.ts';
import { stageWaits } from '../adapters/complaint-repository.ts';
import { logger } from '../adapters/logger.ts';
import { lifecycleEndings } from '../adapters/lifecycle-endings.ts';
import { workflowSignals } from '../adapters/workflow-signals.ts';
import { SLA_STAGES } from '../domain/vocabulary.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

const registerInputSchema = z.extend(taskInputSchema, {
  /** An SLA stage, or the follow-up waiting for the survey answer. */
  stage: z.enum([...SLA_STAGES, 'followUp']),
  version: z.int(),
  taskToken: z.string().check(z.minLength(1)),
  /** The plan's next step: a wait, or the lifecycle's end (answered at once). */
  next: z.optional(z.enum(['await', 'end'])),
});

/** Invoked by the stage's callback task (see app/register-wait.ts). */
export const handler = workflowTask(registerInputSchema, async (wait) => {
  const outcome = await registerWait(
    { waits: stageWaits, signals: workflowSignals, endings: lifecycleEndings },
    wait,
  );
  if (outcome === 'changed-since') {
    logger.info('Complaint changed since the stage was planned; re-planning', {
      complaintId: wait.complaintId,
      stage: wait.stage,
    });
  }
  return { complaintId: wait.complaintId, outcome };
});
