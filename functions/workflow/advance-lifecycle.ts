import * as z from '../domain/zod.ts';
import { advanceLifecycle } from '../app/advance-lifecycle.ts';
import { realSeconds, realSecondsUntil } from '../adapters/clock.ts';
import { logger } from '../adapters/logger.ts';
import { businessMetrics } from '../adapters/metrics.ts';
import { SLA_STAGES } from '../domain/vocabulary.ts';
import { outboxDeps } from './outbox-deps.ts';
import { taskInputSchema, workflowTask } from './task-handler.ts';

/** While the clock is paused the workflow still looks in this often (clock time), in case a signal was lost. */
const PAUSED_RECHECK_SECONDS = 24 * 60 * 60;

const LIFECYCLE_STAGES = [...SLA_STAGES, 'followUp'] as const;

const wakeUpInputSchema = z.extend(taskInputSchema, {
  /** The stage the lifecycle waited in (the one to escalate after a timeout). */
  stage: z.optional(z.enum(LIFECYCLE_STAGES)),
  woken: z.enum(['start', 'signal', 'timeout']),
});

/** The plan the state machine keeps in its `plan` variable until the next wake-up. */
export const lifecyclePlanSchema = z.object({
  next: z.enum(['await', 'end']),
  stage: z.enum(LIFECYCLE_STAGES),
  timeoutSeconds: z.int().check(z.positive()),
  version: z.int(),
});

/** One wake-up of the lifecycle (see app/advance-lifecycle.ts); returns the plan of the next wait. */
export const handler = workflowTask(wakeUpInputSchema, async ({ complaintId, stage, woken }) => {
  const { step, sent } = await advanceLifecycle({ ...outboxDeps, metrics: businessMetrics }, complaintId, {
    by: woken,
    stage,
  });
  logger.info('Lifecycle advanced', {
    complaintId,
    woken,
    from: stage,
    next: step.kind,
    stage: step.stage,
    sent,
  });
  const timeoutSeconds =
    step.kind === 'await' && step.until ? realSecondsUntil(step.until) : realSeconds(PAUSED_RECHECK_SECONDS);
  return lifecyclePlanSchema.parse({
    next: step.kind,
    stage: step.stage,
    // The end is answered at once (RegisterWait); its timeout only has to be valid and not come first.
    timeoutSeconds: step.kind === 'end' ? realSeconds(PAUSED_RECHECK_SECONDS) : timeoutSeconds,
    version: step.version,
  });
});
