import { type CfnElement, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, type ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue.ts';
import type { NodeFunction } from './node-function.ts';

export interface ScheduledInvocationProps {
  /** What the scheduler invokes, in the role's description: "the retention job". */
  what: string;
  /** Construct ids of the schedule and of its dead-letter queue (kept: they name deployed resources). */
  scheduleId: string;
  deadLetterQueueId: string;
  /** What the dead-letter queue catches missed runs of: "the retention job schedule". */
  deadLetterQueueOf: string;
  description: string;
  schedule: ScheduleExpression;
  /** Scheduler retries before the dead-letter queue. */
  retryAttempts: number;
  removalPolicy: RemovalPolicy;
}

/**
 * EventBridge Scheduler invoking `fn` on `schedule`, with a role of its own (not the stack-wide one the
 * target would make, so its one grant is reviewed here) and a dead-letter queue for the invocations it
 * gave up on. Made in `scope` (the function's construct).
 */
export const scheduledInvocation = (
  scope: Construct,
  fn: NodeFunction,
  props: ScheduledInvocationProps,
): { schedulerRole: Role; deadLetterQueue: Queue; schedule: Schedule } => {
  const schedulerRole = new Role(scope, 'SchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
    description: `EventBridge Scheduler invokes ${props.what}`,
  });
  const functionId = Stack.of(scope).getLogicalId(fn.function.node.defaultChild as CfnElement);
  Validations.of(schedulerRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
    reason:
      'lambda:InvokeFunction on <function ARN>:* is how CDK grants invoking the versions and aliases of this ' +
      'one function; the role can invoke nothing else.',
  });
  const queue = deadLetterQueue(scope, props.deadLetterQueueId, {
    of: props.deadLetterQueueOf,
    removalPolicy: props.removalPolicy,
  });
  const schedule = new Schedule(scope, props.scheduleId, {
    description: props.description,
    schedule: props.schedule,
    target: new LambdaInvoke(fn.function, {
      retryAttempts: props.retryAttempts,
      role: schedulerRole,
      deadLetterQueue: queue,
    }),
  });
  return { schedulerRole, deadLetterQueue: queue, schedule };
};
