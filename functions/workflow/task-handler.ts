import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import * as z from '../domain/zod.ts';
import { complaintIdSchema } from '../domain/complaint.ts';
import { SLA_STAGES } from '../domain/vocabulary.ts';
import { asDependencyUnavailable } from '../adapters/dependency-unavailable.ts';
import { logger } from '../adapters/logger.ts';
import { publishBusinessMetrics } from '../adapters/metrics.ts';
import { refreshRegistered } from '../adapters/refresh-before-invocation.ts';
import { tracer } from '../adapters/tracer.ts';

/** The state every lifecycle task receives: the complaint id, and for stage tasks the stage. */
export const taskInputSchema = z.object({ complaintId: complaintIdSchema });
export const stageInputSchema = z.extend(taskInputSchema, { stage: z.enum(SLA_STAGES) });

/**
 * Every Lambda that is not an API route (workflow tasks, stream consumers, schedules): Lambda context
 * in the logs, an X-Ray segment (its output is complaint data, so it is not recorded), business metrics,
 * the policy refreshed (for the functions that read it).
 */
export const backgroundHandler = <Event, Result>(handler: (event: Event) => Promise<Result>) =>
  middy<Event, Result>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(publishBusinessMetrics())
    // The active policy version, checked at most every POLICY_REFRESH_SECONDS (adapters/policy-source.ts).
    .use(refreshRegistered<Event, Result>())
    .handler(handler);

/**
 * Wraps a workflow task: validated input, then as every background handler; a dependency's transient
 * failure is thrown as DependencyUnavailable, the one task error the state machine retries.
 */
export const workflowTask = <S extends z.ZodMiniType, R>(
  schema: S,
  task: (input: z.output<S>) => Promise<R>,
) =>
  backgroundHandler<unknown, R>(async (event) => {
    const input = schema.parse(event);
    try {
      return await task(input);
    } catch (error) {
      throw asDependencyUnavailable(error);
    }
  });
