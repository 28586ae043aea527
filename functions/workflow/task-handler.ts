import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from '../domain/zod.ts';
import { complaintIdSchema } from '../domain/complaint.ts';
import { SLA_STAGES } from '../domain/vocabulary.ts';
import { logger } from '../adapters/logger.ts';

/** The state every lifecycle task receives: the complaint id, and for stage tasks the stage. */
export const taskInputSchema = z.object({ complaintId: complaintIdSchema });
export const stageInputSchema = z.extend(taskInputSchema, { stage: z.enum(SLA_STAGES) });

/** Wraps a workflow task: validated input, Lambda context in the logs. */
export const workflowTask = <S extends z.ZodMiniType, R>(
  schema: S,
  task: (input: z.output<S>) => Promise<R>,
) =>
  middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => task(schema.parse(event)));
