import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from '../domain/zod.ts';
import { complaintIdSchema } from '../domain/complaint.ts';
import { SLA_STAGES } from '../domain/policy.ts';
import { asDependencyUnavailable } from '../adapters/dependency-unavailable.ts';
import { logger } from '../adapters/logger.ts';

/** The state every lifecycle task receives: the complaint id, and for stage tasks the stage. */
export const taskInputSchema = z.object({ complaintId: complaintIdSchema });
export const stageInputSchema = z.extend(taskInputSchema, { stage: z.enum(SLA_STAGES) });

/**
 * Wraps a workflow task: validated input, Lambda context in the logs, and a dependency's transient
 * failure thrown as DependencyUnavailable, the one task error the state machine retries.
 */
export const workflowTask = <S extends z.ZodMiniType, R>(
  schema: S,
  task: (input: z.output<S>) => Promise<R>,
) =>
  middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const input = schema.parse(event);
      try {
        return await task(input);
      } catch (error) {
        throw asDependencyUnavailable(error);
      }
    });
