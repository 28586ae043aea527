import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintsStack } from '../../infra/complaints-stack.ts';
import { BUSINESS_METRICS } from '../../functions/app/ports.ts';
import { SES_REPUTATION_THRESHOLDS } from '../../infra/constructs/operations-alarms.ts';
import { buildStack, logicalId, propertiesOf } from './stack-fixture.ts';

interface AlarmProperties {
  AlarmActions?: unknown[];
  AlarmDescription: string;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Threshold?: number;
  ThresholdMetricId?: string;
  ComparisonOperator: string;
  Metrics?: {
    Id: string;
    Expression?: string;
    MetricStat?: { Metric: { MetricName: string; Namespace: string } };
  }[];
}

describe('operations: alarms, dashboard, budget', () => {
  let stack: ComplaintsStack;
  let template: Template;
  let alarms: [string, AlarmProperties][];

  beforeAll(() => {
    stack = buildStack('prod', { alarmEmail: 'ops@example.com', budgetUsd: 200 });
    template = Template.fromStack(stack);
    alarms = propertiesOf<AlarmProperties>(template, 'AWS::CloudWatch::Alarm');
  }, 60_000);

  const topicRef = () => ({ Ref: logicalId(stack, stack.alarms.topic.node.defaultChild) });
  const withMetric = (namespace: string, metricName: string) =>
    alarms.filter(([, alarm]) => alarm.Namespace === namespace && alarm.MetricName === metricName);
  /** The logical id of the thing a dimension names (a Ref or a GetAtt of it). */
  const dimensionTarget = (alarm: AlarmProperties, name: string): unknown =>
    alarm.Dimensions?.find((dimension) => dimension.Name === name)?.Value;

  it('notifies one KMS-encrypted topic from every alarm, and emails the given address', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, alarm] of alarms) expect(alarm.AlarmActions, id).toEqual([topicRef()]);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, stack.alarms.key.node.defaultChild), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: topicRef(),
    });
  });

  it('lets CloudWatch and Budgets use the topic key, and no one grant it on', () => {
    const [, key] = propertiesOf<{ KeyPolicy: { Statement: Record<string, unknown>[] } }>(
      template,
      'AWS::KMS::Key',
    ).find(([id]) => id === logicalId(stack, stack.alarms.key.node.defaultChild))!;
    const services = key.KeyPolicy.Statement.filter(
      (statement) =>
        JSON.stringify(statement.Action) === JSON.stringify(['kms:Decrypt', 'kms:GenerateDataKey*']),
    ).flatMap((statement) => (statement.Principal as { Service: string | string[] }).Service);
    expect(services.sort()).toEqual(['budgets.amazonaws.com', 'cloudwatch.amazonaws.com']);
    expect(key.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'kms:CreateGrant' }),
    );
  });

  it('alarms when any dead-letter queue is not empty', () => {
    const queues = [
      stack.starter.deadLetterQueue,
      stack.kpiCounter.deadLetterQueue,
      stack.mail.deadLetterQueue,
      stack.dailySummary.deadLetterQueue,
      stack.reconciler.deadLetterQueue,
      stack.retention.deadLetterQueue,
      stack.evidenceDeadLetterQueue,
      stack.dataRequestConsumer.deadLetterQueue,
    ].map((queue) => logicalId(stack, queue.node.defaultChild));
    const watched = withMetric('AWS/SQS', 'ApproximateNumberOfMessagesVisible').map(([, alarm]) => {
      expect(alarm.Threshold).toBe(1);
      return (dimensionTarget(alarm, 'QueueName') as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    });
    expect(watched.sort()).toEqual(queues.sort());
  });

  it.each(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'])(
    'alarms on lifecycle %s',
    (metricName) => {
      const [[, alarm]] = withMetric('AWS/States', metricName) as [[string, AlarmProperties]];
      expect(dimensionTarget(alarm, 'StateMachineArn')).toEqual({
        Ref: logicalId(stack, stack.workflow.stateMachine.node.defaultChild),
      });
      expect(alarm.Threshold).toBe(1);
    },
  );

  const applicationFunctions = () =>
    propertiesOf(template, 'AWS::Lambda::Function')
      .map(([id]) => id)
      .filter((id) => !id.startsWith('CustomCDKBucketDeployment'));

  it('alarms on the Lambda errors of every function, one alarm each', () => {
    const watched = withMetric('AWS/Lambda', 'Errors').map(
      ([, alarm]) => (dimensionTarget(alarm, 'FunctionName') as { Ref: string }).Ref,
    );
    expect(watched.sort()).toEqual(applicationFunctions().sort());
  });

  it('alarms on the Lambda throttles of every function, in sums of at most 10', () => {
    const throttleAlarms = alarms.filter(([, alarm]) =>
      alarm.Metrics?.some((query) => query.MetricStat?.Metric.MetricName === 'Throttles'),
    );
    const watched = throttleAlarms.flatMap(([, alarm]) => {
      const stats = alarm.Metrics!.filter((query) => query.MetricStat);
      expect(stats.length).toBeLessThanOrEqual(10);
      const sum = alarm.Metrics!.find((query) => query.Expression);
      expect(sum?.Expression).toBe(stats.map((query) => query.Id).join(' + '));
      expect(alarm.Threshold).toBe(1);
      return stats.map((query) => {
        const metric = query.MetricStat!.Metric as unknown as {
          Dimensions: { Name: string; Value: { Ref: string } }[];
        };
        return metric.Dimensions.find((dimension) => dimension.Name === 'FunctionName')!.Value.Ref;
      });
    });
    expect(watched.sort()).toEqual(applicationFunctions().sort());
  });

  it('alarms on API 5xx', () => {
    const [[, alarm]] = withMetric('AWS/ApiGateway', '5xx') as [[string, AlarmProperties]];
    expect(dimensionTarget(alarm, 'ApiId')).toEqual({
      Ref: logicalId(stack, stack.api.api.node.defaultChild),
    });
  });

  it('alarms on the iterator age of every table-stream consumer', () => {
    const watched = withMetric('AWS/Lambda', 'IteratorAge').map(
      ([, alarm]) => (dimensionTarget(alarm, 'FunctionName') as { Ref: string }).Ref,
    );
    expect(watched.sort()).toEqual(
      [stack.starter.handler, stack.kpiCounter.handler, stack.dataRequestConsumer.handler]
        .map((fn) => logicalId(stack, fn.function.node.defaultChild))
        .sort(),
    );
  });

  it('alarms on the SES bounce and complaint rates before SES reviews the account', () => {
    const [[, bounce]] = withMetric('AWS/SES', 'Reputation.BounceRate') as [[string, AlarmProperties]];
    const [[, complaint]] = withMetric('AWS/SES', 'Reputation.ComplaintRate') as [[string, AlarmProperties]];
    expect(bounce.Threshold).toBe(SES_REPUTATION_THRESHOLDS.bounceRate);
    expect(complaint.Threshold).toBe(SES_REPUTATION_THRESHOLDS.complaintRate);
    expect(bounce.Threshold).toBeLessThan(0.05);
    expect(complaint.Threshold).toBeLessThan(0.001);
  });

  it('alarms when the scheduler fails to run the daily summary', () => {
    const [, alarm] = alarms.find(([, candidate]) =>
      candidate.Metrics?.some((metric) => metric.MetricStat?.Metric.Namespace === 'AWS/Scheduler'),
    )!;
    const names = alarm.Metrics!.flatMap((metric) => metric.MetricStat?.Metric.MetricName ?? []);
    expect(names.sort()).toEqual(['InvocationDroppedCount', 'TargetErrorCount']);
  });

  it('alarms on SLA breaches above their anomaly band (the Powertools metric)', () => {
    const [, alarm] = alarms.find(([, candidate]) =>
      candidate.Metrics?.some((metric) => metric.MetricStat?.Metric.MetricName === 'SlaBreached'),
    )!;
    expect(alarm.ComparisonOperator).toBe('GreaterThanUpperThreshold');
    const band = alarm.Metrics!.find((metric) => metric.Expression?.startsWith('ANOMALY_DETECTION_BAND'))!;
    expect(alarm.ThresholdMetricId).toBe(band.Id);
    expect(JSON.stringify(alarm.Metrics)).toContain('"Namespace":"ComplaintHandling"');
    expect(JSON.stringify(alarm.Metrics)).toContain('{"Name":"service","Value":"complaints"}');
  });

  it('alarms when the next calendar year is missing from the policy (the daily CalendarYearMissing metric)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ComplaintHandling',
      MetricName: 'CalendarYearMissing',
      Dimensions: [{ Name: 'service', Value: 'complaints' }],
      Statistic: 'Maximum',
      Period: 86_400,
      Threshold: 1,
      AlarmActions: [topicRef()],
    });
  });

  it('alarms when the reconciler re-drives a lifecycle, and when one stays stuck for three runs', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ComplaintHandling',
      MetricName: 'LifecycleRedriven',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      AlarmActions: [topicRef()],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ComplaintHandling',
      MetricName: 'LifecycleStuck',
      Period: 300,
      EvaluationPeriods: 3,
      AlarmActions: [topicRef()],
    });
  });

  it('runs the reconciler every 5 minutes with DescribeExecution and StartExecution on the lifecycle only', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(5 minutes)' });
    const role = logicalId(stack, stack.reconciler.handler.role.node.defaultChild);
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) =>
        (policy.Properties as { Roles: { Ref: string }[] }).Roles.some((candidate) => candidate.Ref === role),
      )
      .flatMap(
        (policy) =>
          (policy.Properties as { PolicyDocument: { Statement: { Action: string | string[] }[] } })
            .PolicyDocument.Statement,
      )
      .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))
      .filter((action) => action.startsWith('states:'));
    expect(actions.sort()).toEqual(['states:DescribeExecution', 'states:StartExecution']);
  });

  it('uses a static SLA breach threshold when one is given', () => {
    const fixed = Template.fromStack(buildStack('dev', { slaBreachesPerHour: 12 }));
    fixed.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ComplaintHandling',
      MetricName: 'SlaBreached',
      Dimensions: [{ Name: 'service', Value: 'complaints' }],
      Threshold: 12,
    });
    expect(fixed.findResources('AWS::SNS::Subscription')).toEqual({});
    expect(fixed.findResources('AWS::Budgets::Budget')).toEqual({});
  });

  it('sends a monthly cost budget’s alerts to the topic', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 200, Unit: 'USD' } },
      NotificationsWithSubscribers: [
        {
          Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 80 }),
          Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef() }],
        },
        {
          Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }),
          Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef() }],
        },
      ],
    });
  });

  it('has one dashboard with the API, executions, Lambda, stream, DLQ, SES and business metrics', () => {
    const [[, dashboard]] = propertiesOf<{ DashboardBody: unknown }>(
      template,
      'AWS::CloudWatch::Dashboard',
    ) as [[string, { DashboardBody: unknown }]];
    const body = JSON.stringify(dashboard.DashboardBody);
    for (const expected of [
      'AWS/ApiGateway',
      'AWS/States',
      'ExecutionsFailed',
      'AWS/Lambda',
      'Throttles',
      'Duration',
      'IteratorAge',
      'ApproximateNumberOfMessagesVisible',
      'AWS/SES',
      'Reputation.BounceRate',
      ...BUSINESS_METRICS,
    ]) {
      expect(body, expected).toContain(expected);
    }
    expect(body).toContain('ComplaintHandling');
  });
});
