import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { type Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RETENTION_JOB } from '../../functions/workflow/retention-job.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';
import { scheduledInvocation } from './scheduled-invocation.ts';

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
    ({
      schedulerRole: this.schedulerRole,
      deadLetterQueue: this.deadLetterQueue,
      schedule: this.schedule,
    } = scheduledInvocation(this, this.handler, {
      what: 'the retention job',
      scheduleId: 'Hourly',
      deadLetterQueueOf: 'the retention job schedule',
      deadLetterQueueId: 'MissedRuns',
      description: 'Anonymises complaints past their retention period',
      schedule: ScheduleExpression.rate(Duration.minutes(RETENTION_JOB.everyMinutes)),
      // The next run comes within the hour, and finds what this one left in the index.
      retryAttempts: 0,
      removalPolicy: props.removalPolicy,
    }));
  }
}
