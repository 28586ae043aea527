import { type CfnElement, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RETENTION_JOB } from '../../functions/workflow/retention-job.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { NodeFunction } from './node-function.ts';

export interface RetentionJobProps extends AccessResources {
  removalPolicy: RemovalPolicy;
}

/** The retention job (functions/workflow/retention-job.ts): a function and the schedule that runs it hourly. */
export class RetentionJob extends Construct {
  readonly handler: NodeFunction;
  readonly schedule: Schedule;
  readonly schedulerRole: Role;
  /** Invocations the scheduler gave up on after its retries. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: RetentionJobProps) {
    super(scope, id);
    const { access } = RETENTION_JOB;
    const granted = accessProps(access, props);
    this.handler = new NodeFunction(this, RETENTION_JOB.name, {
      entry: RETENTION_JOB.entry,
      description: 'Anonymises finished complaints whose retention period is over',
      tableName: props.table.tableName,
      timeout: Duration.seconds(RETENTION_JOB.timeoutSeconds),
      // One run at a time: two overlapping runs would only race on the same complaints.
      reservedConcurrentExecutions: 1,
      removalPolicy: props.removalPolicy,
      ...granted,
    });
    grantAccess(this.handler, access, props);
    const functionId = Stack.of(this).getLogicalId(this.handler.function.node.defaultChild as CfnElement);
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler invokes the retention job',
    });
    Validations.of(this.schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on <function ARN>:* is how CDK grants invoking the versions and aliases of this ' +
        'one function; the role can invoke nothing else.',
    });
    this.deadLetterQueue = deadLetterQueue(this, 'MissedRuns', {
      of: 'the retention job schedule',
      removalPolicy: props.removalPolicy,
    });
    this.schedule = new Schedule(this, 'Hourly', {
      description: 'Anonymises complaints past their retention period',
      schedule: ScheduleExpression.rate(Duration.minutes(RETENTION_JOB.everyMinutes)),
      target: new LambdaInvoke(this.handler.function, {
        // The next run comes within the hour, and finds what this one left in the index.
        retryAttempts: 0,
        role: this.schedulerRole,
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
  }
}
