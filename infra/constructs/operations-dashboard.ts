import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BUSINESS_METRICS } from '../../functions/app/ports.ts';
import { businessMetric } from './operations-alarms.ts';

export interface OperationsDashboardProps {
  httpApi: HttpApi;
  stateMachine: StateMachine;
  functions: ReadonlyMap<string, IFunction>;
  streamConsumers: ReadonlyMap<string, IFunction>;
  deadLetterQueues: ReadonlyMap<string, IQueue>;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * A metric per function summed in one math expression, so a graph line stays one line however many
 * functions there are (a metric math expression takes up to 500 metrics on a dashboard).
 */
const sumOver = (label: string, metrics: IMetric[]): MathExpression => {
  // Ids are unique per graph, so each sum names its metrics after its label.
  const id = (index: number) => `${label.toLowerCase()}${index}`;
  return new MathExpression({
    expression: `SUM([${metrics.map((_, index) => id(index)).join(', ')}])`,
    usingMetrics: Object.fromEntries(metrics.map((metric, index) => [id(index), metric])),
    label,
    period: FIVE_MINUTES,
  });
};

/** One dashboard for operators: traffic, failures, lag and the business figures, top to bottom. */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { httpApi, stateMachine } = props;
    const functions = [...props.functions.values()];
    const sesMetric = (metricName: string, statistic = 'Sum'): Metric =>
      new Metric({ namespace: 'AWS/SES', metricName, statistic, period: Duration.hours(1) });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new TextWidget({
            markdown:
              '# Complaint handling\nAlarms and what to do: README, section "Operations". ' +
              'Business metrics: namespace `ComplaintHandling`, dimension `service=complaints`.',
            width: 24,
            height: 2,
          }),
        ],
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [
              httpApi.metricCount({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Requests' }),
              httpApi.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum', label: '4xx' }),
              httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum', label: '5xx' }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'API latency (ms)',
            left: [
              httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p50', label: 'p50' }),
              httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p99', label: 'p99' }),
              httpApi.metricIntegrationLatency({
                period: FIVE_MINUTES,
                statistic: 'p99',
                label: 'integration p99',
              }),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Lifecycle executions',
            left: [
              stateMachine.metricStarted({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Started' }),
              stateMachine.metricSucceeded({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Succeeded' }),
              stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Failed' }),
              stateMachine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Timed out' }),
              stateMachine.metricAborted({ period: FIVE_MINUTES, statistic: 'Sum', label: 'Aborted' }),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'Lambda errors and throttles (all functions)',
            left: [
              sumOver(
                'Errors',
                functions.map((fn) => fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' })),
              ),
              sumOver(
                'Throttles',
                functions.map((fn) => fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' })),
              ),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Lambda duration p99 (ms), by function',
            left: [...props.functions].map(([name, fn]) =>
              fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99', label: name }),
            ),
            width: 12,
            height: 8,
          }),
          new GraphWidget({
            title: 'Table stream iterator age (ms)',
            left: [...props.streamConsumers].map(([name, fn]) =>
              fn.metric('IteratorAge', { period: FIVE_MINUTES, statistic: 'Maximum', label: name }),
            ),
            width: 6,
            height: 8,
          }),
          new GraphWidget({
            title: 'Dead-letter queue depth',
            left: [...props.deadLetterQueues].map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({
                period: FIVE_MINUTES,
                statistic: 'Maximum',
                label: name,
              }),
            ),
            width: 6,
            height: 8,
          }),
        ],
        [
          new GraphWidget({
            title: 'SES sending',
            left: [
              sesMetric('Send'),
              sesMetric('Delivery'),
              sesMetric('Bounce'),
              sesMetric('Complaint'),
              sesMetric('Reject'),
            ],
            width: 12,
          }),
          new GraphWidget({
            title: 'SES reputation',
            left: [
              sesMetric('Reputation.BounceRate', 'Maximum'),
              sesMetric('Reputation.ComplaintRate', 'Maximum'),
            ],
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Complaints (per hour)',
            left: BUSINESS_METRICS.map((name) => businessMetric(name).with({ label: name })),
            width: 24,
          }),
        ],
      ],
    });
  }
}
