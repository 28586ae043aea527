import { type CfnElement, Duration, type RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DAILY_SUMMARY } from '../../functions/workflow/daily-summary.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { NodeFunction } from './node-function.ts';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/function-timeouts.ts';

export interface DailySummaryProps extends AccessResources {
  /** IANA time zone the hour is meant in (the policy calendar's). */
  timeZone: string;
  removalPolicy: RemovalPolicy;
}

/** The daily KPI summary to management: a function and the EventBridge Scheduler schedule that runs it. */
export class DailySummary extends Construct {
  readonly handler: NodeFunction;
  readonly schedule: Schedule;
  /** The role the scheduler assumes to invoke the function. */
  readonly schedulerRole: Role;
  /** Invocations the scheduler gave up on after its retries. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DailySummaryProps) {
    super(scope, id);
    const { access } = DAILY_SUMMARY;
    this.handler = new NodeFunction(this, DAILY_SUMMARY.name, {
      entry: DAILY_SUMMARY.entry,
      description: "Mails management yesterday's KPIs against their targets",
      tableName: props.table.tableName,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.schedule),
      removalPolicy: props.removalPolicy,
      ...accessProps(access, props),
    });
    grantAccess(this.handler, access, props);

    // Our own role (not the stack-wide one the target would make), so its one grant is reviewed here.
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler invokes the daily summary function',
    });
    const functionId = Stack.of(this).getLogicalId(this.handler.function.node.defaultChild as CfnElement);
    Validations.of(this.schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        'lambda:InvokeFunction on <function ARN>:* is how CDK grants invoking the versions and aliases of this ' +
        'one function; the role can invoke nothing else.',
    });

    this.deadLetterQueue = deadLetterQueue(this, 'MissedSummaries', {
      of: 'the daily summary schedule',
      removalPolicy: props.removalPolicy,
    });

    this.schedule = new Schedule(this, 'EveryMorning', {
      description: 'Daily complaint KPI summary to management',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: String(DAILY_SUMMARY.hour),
        timeZone: TimeZone.of(props.timeZone),
      }),
      target: new LambdaInvoke(this.handler.function, {
        retryAttempts: 2,
        role: this.schedulerRole,
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
  }
}
