import { Duration, type RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { type Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DAILY_SUMMARY } from '../../functions/workflow/daily-summary.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';
import { scheduledInvocation } from './scheduled-invocation.ts';
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

    ({
      schedulerRole: this.schedulerRole,
      deadLetterQueue: this.deadLetterQueue,
      schedule: this.schedule,
    } = scheduledInvocation(this, this.handler, {
      what: 'the daily summary function',
      scheduleId: 'EveryMorning',
      deadLetterQueueOf: 'the daily summary schedule',
      deadLetterQueueId: 'MissedSummaries',
      description: 'Daily complaint KPI summary to management',
      schedule: ScheduleExpression.cron({
        minute: '0',
        hour: String(DAILY_SUMMARY.hour),
        timeZone: TimeZone.of(props.timeZone),
      }),
      retryAttempts: 2,
      removalPolicy: props.removalPolicy,
    }));
  }
}
