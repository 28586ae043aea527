import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AnomalyDetectionAlarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '../../functions/adapters/metric-names.ts';
import { denyGrantsExceptForAwsServices } from './log-encryption.ts';

/** The Powertools metrics namespace and service dimension the functions emit business metrics under. */
export const BUSINESS_METRICS = { namespace: METRICS_NAMESPACE, service: METRICS_SERVICE } as const;

/** A business metric (EMF, Powertools) as CloudWatch stores it. */
export const businessMetric = (metricName: string, period = Duration.hours(1)): Metric =>
  new Metric({
    namespace: BUSINESS_METRICS.namespace,
    metricName,
    dimensionsMap: { service: BUSINESS_METRICS.service },
    statistic: 'Sum',
    period,
  });

/**
 * SES pauses an account's sending at a 10 % bounce or 0.5 % complaint rate and reviews it from 5 % and
 * 0.1 %; these alarms fire before the review, while there is time to act.
 */
export const SES_REPUTATION_THRESHOLDS = { bounceRate: 0.04, complaintRate: 0.0008 } as const;

/** Stream records older than this mean a consumer is stuck or failing (records expire after 24 h). */
export const STREAM_ITERATOR_AGE_LIMIT = Duration.minutes(5);

/** 5xx answers of the API in 5 minutes that page: one is already a failed function (Lambda errors). */
export const API_5XX_PER_5_MINUTES = 5;

export interface OperationsAlarmsProps {
  /** Subscribed to the alarm topic by email (confirm the subscription mail). */
  alarmEmail?: string;
  /** Monthly cost budget in USD; 80 % actual and 100 % forecast notify the topic. */
  budgetUsd?: number;
  /** Every Lambda function of the application, by name. */
  functions: ReadonlyMap<string, IFunction>;
  /** The functions behind table-stream event source mappings, by name. */
  streamConsumers: ReadonlyMap<string, IFunction>;
  /** Every dead-letter queue, by what it catches. */
  deadLetterQueues: ReadonlyMap<string, IQueue>;
  stateMachine: StateMachine;
  httpApi: HttpApi;
  /** The EventBridge Scheduler group of the daily summary's schedule. */
  scheduleGroupName: string;
  /**
   * Static threshold for "SLA breaches above normal": breaches per hour. Without it the alarm uses
   * CloudWatch anomaly detection on the hourly sum.
   */
  slaBreachesPerHour?: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/** CloudWatch's limit on the metrics of one metric-math alarm. */
const MAX_METRICS_PER_ALARM = 10;

/**
 * Every failure path as a CloudWatch alarm on one KMS-encrypted SNS topic: dead-letter queues, lifecycle
 * executions, Lambda errors and throttles, API 5xx, stream iterator age, SES reputation, the daily
 * summary's schedule, SLA breaches above normal and a missing calendar year; plus the optional cost
 * budget.
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);

    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts the operations alarm topic',
      enableKeyRotation: true,
    });
    denyGrantsExceptForAwsServices(this.key);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Complaint handling alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    // CloudWatch alarms and AWS Budgets publish as services: they need the key (the statement AWS documents
    // for alarm topics, without conditions, so delivery does not hinge on a condition key CloudWatch may
    // not send) and Budgets the topic.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [
          new ServicePrincipal('cloudwatch.amazonaws.com'),
          new ServicePrincipal('budgets.amazonaws.com'),
        ],
        resources: ['*'],
      }),
    );
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('budgets.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    for (const [name, queue] of props.deadLetterQueues) {
      this.add(`${name}DeadLetters`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: FIVE_MINUTES,
          statistic: 'Maximum',
        }),
        threshold: 1,
        description: `Dead-letter queue of ${name} is not empty: records or events were given up on.`,
      });
    }

    const { stateMachine } = props;
    this.add('ExecutionsFailed', {
      metric: stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      description: 'A complaint lifecycle execution failed: that complaint no longer advances.',
    });
    this.add('ExecutionsTimedOut', {
      metric: stateMachine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      description: 'A complaint lifecycle execution timed out: that complaint no longer advances.',
    });
    this.add('ExecutionsAborted', {
      metric: stateMachine.metricAborted({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      description: 'A complaint lifecycle execution was stopped: check who stopped it and why.',
    });

    // One error alarm per function: its name says which function failed.
    for (const [name, fn] of props.functions) {
      this.add(`${name}Errors`, {
        metric: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
        description: `Lambda function ${name} failed (an error or a timeout, not a client error).`,
      });
    }
    // Throttles share the account's (or a reserved) concurrency, so they come in groups: one alarm per
    // group of functions, whose description names them (the dashboard shows each function's throttles).
    // A metric-math alarm takes at most 10 metrics; one alarm per function would cost ~50 of the
    // stack's 500 resources.
    const named = [...props.functions];
    for (let start = 0; start < named.length; start += MAX_METRICS_PER_ALARM) {
      const group = named.slice(start, start + MAX_METRICS_PER_ALARM);
      const usingMetrics = Object.fromEntries(
        group.map(([, fn], index) => [
          `t${index}`,
          fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        ]),
      );
      this.add(`LambdaThrottles${start / MAX_METRICS_PER_ALARM + 1}`, {
        metric: new MathExpression({
          expression: Object.keys(usingMetrics).join(' + '),
          usingMetrics,
          label: 'Throttles',
          period: FIVE_MINUTES,
        }),
        threshold: 1,
        description:
          'A Lambda function was throttled (reserved or account concurrency exhausted); one of: ' +
          `${group.map(([name]) => name).join(', ')}.`,
      });
    }

    this.add('Api5xx', {
      metric: props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: API_5XX_PER_5_MINUTES,
      description: `The API answered ${API_5XX_PER_5_MINUTES} or more 5xx in 5 minutes.`,
    });

    for (const [name, fn] of props.streamConsumers) {
      this.add(`${name}IteratorAge`, {
        metric: fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum' }),
        threshold: STREAM_ITERATOR_AGE_LIMIT.toMilliseconds(),
        description:
          `The table-stream consumer ${name} lags more than ${STREAM_ITERATOR_AGE_LIMIT.toMinutes()} minutes ` +
          'behind: records expire from the stream after 24 hours.',
      });
    }

    this.add('SesBounceRate', {
      metric: new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold: SES_REPUTATION_THRESHOLDS.bounceRate,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'SES bounce rate at 4 %: SES reviews the account at 5 % and pauses sending at 10 %.',
    });
    this.add('SesComplaintRate', {
      metric: new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.ComplaintRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      threshold: SES_REPUTATION_THRESHOLDS.complaintRate,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      description: 'SES complaint rate at 0.08 %: SES reviews the account at 0.1 % and pauses at 0.5 %.',
    });

    const schedulerMetric = (metricName: string): Metric =>
      new Metric({
        namespace: 'AWS/Scheduler',
        metricName,
        dimensionsMap: { ScheduleGroup: props.scheduleGroupName },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      });
    this.add('ScheduleFailures', {
      metric: new MathExpression({
        expression: 'errors + dropped',
        usingMetrics: {
          errors: schedulerMetric('TargetErrorCount'),
          dropped: schedulerMetric('InvocationDroppedCount'),
        },
        label: 'Daily summary schedule: target errors and dropped invocations',
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      description:
        'EventBridge Scheduler could not run the daily summary (target error or dropped invocation).',
    });

    this.addSlaBreachAlarm(props.slaBreachesPerHour);

    // The daily summary reports 1 while next year's holidays are missing from the policy (from 1 December).
    this.add('CalendarYearMissing', {
      metric: businessMetric('CalendarYearMissing', Duration.days(1)).with({ statistic: 'Maximum' }),
      threshold: 1,
      description:
        'The next calendar year is not in the complaint policy: only the statutory fixed-date holidays ' +
        'will count, flagged provisional.',
    });

    // The reconciler's own failures are its function's Errors alarm and its schedule's dead letters.
    this.add('LifecyclesRedriven', {
      metric: businessMetric('LifecycleRedriven').with({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      description:
        'The reconciler restarted a complaint lifecycle that had stopped: look at the lifecycle.failed event ' +
        'before it (a dependency outage, or a bug that may stop it again).',
    });
    this.add('LifecyclesStuck', {
      metric: businessMetric('LifecycleStuck').with({ period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
      // Three runs in a row: a re-driven execution needs a run or two to move its complaint along.
      evaluationPeriods: 3,
      description:
        'A complaint lifecycle is running but far past its due check: the reconciler does not start a ' +
        'second execution beside it; look at that execution.',
    });

    if (props.budgetUsd !== undefined) this.addBudget(props.budgetUsd);
  }

  /**
   * "SLA breaches above normal". Breaches follow complaint volume, which has a daily and weekly rhythm,
   * so a fixed number is either noisy on Monday mornings or blind at night: anomaly detection learns that
   * rhythm (after about two weeks of data) and alarms above its band. A static hourly threshold
   * (`-c slaBreachesPerHour=`) is for new deployments without that history.
   */
  private addSlaBreachAlarm(staticThreshold: number | undefined): void {
    const breaches = businessMetric('SlaBreached');
    const description = 'More SLA breaches than normal: complaints are missing their deadlines.';
    if (staticThreshold !== undefined) {
      this.add('SlaBreachesAboveNormal', { metric: breaches, threshold: staticThreshold, description });
      return;
    }
    const alarm = new AnomalyDetectionAlarm(this, 'SlaBreachesAboveNormal', {
      alarmDescription: description,
      metric: breaches,
      stdDevs: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
  }

  private addBudget(limitUsd: number): void {
    const subscribers = [{ subscriptionType: 'SNS', address: this.topic.topicArn }];
    new CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: limitUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: 80,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
        {
          notification: {
            notificationType: 'FORECASTED',
            comparisonOperator: 'GREATER_THAN',
            threshold: 100,
            thresholdType: 'PERCENTAGE',
          },
          subscribers,
        },
      ],
    });
  }

  private add(
    id: string,
    options: {
      metric: IMetric;
      threshold: number;
      description: string;
      comparison?: ComparisonOperator;
      evaluationPeriods?: number;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      // No data is no failure (no traffic, an empty queue reports nothing for a while).
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}
