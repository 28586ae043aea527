import { readFileSync } from 'node:fs';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SORT_KEY_PREFIX, TABLE_SCHEMA } from '../../functions/adapters/table.ts';
import { COUNTED_EVENT_TYPES } from '../../functions/domain/kpi-counters.ts';
import { KPI_COUNTER } from '../../functions/workflow/kpi-counter.ts';
import { DAILY_SUMMARY } from '../../functions/workflow/daily-summary.ts';
import { ComplaintsStack } from '../../infra/complaints-stack.ts';
import { BUNDLED_POLICY_FILE } from '../../infra/constructs/node-function.ts';
import { DEFAULT_POLICY_FILE } from '../../infra/policy-file.ts';
import { fromRepoRoot } from '../../infra/repo-root.ts';

const cdkJsonContext = (JSON.parse(readFileSync(fromRepoRoot('cdk.json'), 'utf8')) as { context: object })
  .context;

describe('KPI counter (second table-stream consumer)', () => {
  let stack: ComplaintsStack;
  let template: Template;
  const id = (element: unknown) => stack.getLogicalId(element as CfnElement);

  beforeAll(() => {
    const app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
    stack = new ComplaintsStack(app, 'Complaints-kpi', {
      stage: 'dev',
      senderEmail: 'complaints@example.com',
      policyFile: DEFAULT_POLICY_FILE,
    });
    template = Template.fromStack(stack);
  }, 60_000);

  it('has its own event source mapping: counted audit-event inserts only, item failures, bisection, DLQ', () => {
    const handler = stack.kpiCounter.handler;
    expect(handler.node.id).toBe(KPI_COUNTER.name);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id(handler.function.node.defaultChild) },
      EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: {
        OnFailure: {
          Destination: { 'Fn::GetAtt': [id(stack.kpiCounter.deadLetterQueue.node.defaultChild), 'Arn'] },
        },
      },
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: {
                Keys: { [TABLE_SCHEMA.sortKey]: { S: [{ prefix: EVENT_SORT_KEY_PREFIX }] } },
                NewImage: { type: { S: [...COUNTED_EVENT_TYPES] } },
              },
            }),
          },
        ],
      },
    });
  });

  it('writes the table (counters), reads the bundled policy (time zone, targets, surge rule) and mails surges', () => {
    const fn = stack.kpiCounter.handler;
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POLICY_FILE: BUNDLED_POLICY_FILE }) },
      Description: Match.stringLikeRegexp('KPI counters'),
    });
    const roleId = id(fn.role.node.defaultChild);
    const statements = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    ).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } })
          .Properties.PolicyDocument.Statement,
    );
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:Query']),
    );
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']));
    // A surge mails senior management at once (functions/app/detect-surges.ts).
    expect(actions).toContain('ses:SendEmail');
  });

  it('sends the daily summary every morning in the policy time zone (EventBridge Scheduler)', () => {
    const fn = stack.dailySummary.handler.function;
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: `cron(0 ${DAILY_SUMMARY.hour} * * ? *)`,
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [id(fn.node.defaultChild), 'Arn'] },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SENDER_EMAIL: 'complaints@example.com' }) },
      Description: Match.stringLikeRegexp('yesterday'),
    });
  });
});
