import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionAccess } from '../../functions/function-access.ts';
import { ROUTES } from '../../functions/routes.ts';
import { S3_EVENT_CONSUMERS } from '../../functions/s3-event-consumers.ts';
import { DAILY_SUMMARY } from '../../functions/workflow/daily-summary.ts';
import { LIFECYCLE_RECONCILER } from '../../functions/workflow/lifecycle-reconciler.ts';
import { RETENTION_JOB } from '../../functions/workflow/retention-job.ts';
import { KPI_COUNTER } from '../../functions/workflow/kpi-counter.ts';
import { DATA_REQUEST_CONSUMER } from '../../functions/workflow/data-request-consumer.ts';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.ts';
import type { ComplaintsStack } from '../../infra/complaints-stack.ts';
import { STAFF_DIRECTORY_ACTIONS, TABLE_ACTIONS } from '../../infra/constructs/function-access.ts';
import { MAIL_EVENT_RECORDER } from '../../functions/workflow/mail-event-recorder.ts';
import type { NodeFunction } from '../../infra/constructs/node-function.ts';
import { buildStack, logicalId, propertiesOf } from './stack-fixture.ts';

interface Statement {
  Effect: string;
  Action: string | string[];
}

/** What reading the table's stream takes (the event source mapping's grant), for stream consumers only. */
const STREAM_READ = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

describe('least privilege: DynamoDB actions', () => {
  let stack: ComplaintsStack;
  let template: Template;

  beforeAll(() => {
    stack = buildStack('prod');
    template = Template.fromStack(stack);
  }, 60_000);

  /** Every function with its declared access and whether it reads the table stream. */
  const declared = (): { fn: NodeFunction; access: FunctionAccess; readsStream: boolean }[] => [
    ...ROUTES.map((route) => ({
      fn: stack.api.functions.get(route.name)!,
      access: route.access,
      readsStream: false,
    })),
    ...(Object.keys(WORKFLOW_TASKS) as (keyof typeof WORKFLOW_TASKS)[]).map((task) => ({
      fn: stack.workflow.tasks[task],
      access: WORKFLOW_TASKS[task].access,
      readsStream: false,
    })),
    { fn: stack.dailySummary.handler, access: DAILY_SUMMARY.access, readsStream: false },
    { fn: stack.reconciler.handler, access: LIFECYCLE_RECONCILER.access, readsStream: false },
    { fn: stack.retention.handler, access: RETENTION_JOB.access, readsStream: false },
    { fn: stack.kpiCounter.handler, access: KPI_COUNTER.access, readsStream: true },
    { fn: stack.dataRequestConsumer.handler, access: DATA_REQUEST_CONSUMER.access, readsStream: true },
    { fn: stack.mailEventRecorder, access: MAIL_EVENT_RECORDER.access, readsStream: false },
    ...S3_EVENT_CONSUMERS.map((consumer) => ({
      fn: stack.evidenceRecorders.find((fn) => fn.node.id === consumer.name)!,
      access: consumer.access,
      readsStream: false,
    })),
    // The lifecycle starter only starts executions: no table access beyond its stream.
    { fn: stack.starter.handler, access: { table: 'none' }, readsStream: true },
  ];

  const dynamoActionsOf = (fn: NodeFunction): string[] => {
    const role = logicalId(stack, fn.role.node.defaultChild);
    return propertiesOf<{ Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } }>(
      template,
      'AWS::IAM::Policy',
    )
      .filter(([, policy]) => policy.Roles.some((candidate) => candidate.Ref === role))
      .flatMap(([, policy]) => policy.PolicyDocument.Statement)
      .filter((statement) => statement.Effect === 'Allow')
      .flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]))
      .filter((action) => action.startsWith('dynamodb:'));
  };

  it('covers every Lambda function of the application', () => {
    const functions = propertiesOf(template, 'AWS::Lambda::Function')
      .map(([id]) => id)
      .filter((id) => !id.startsWith('CustomCDKBucketDeployment'));
    expect(
      declared()
        .map(({ fn }) => logicalId(stack, fn.function.node.defaultChild))
        .sort(),
    ).toEqual(functions.sort());
  });

  it('gives each function exactly the DynamoDB actions of its declared access', () => {
    for (const { fn, access, readsStream } of declared()) {
      const expected = [
        ...TABLE_ACTIONS[access.table],
        ...(readsStream ? STREAM_READ : []),
        // The active policy version (see the next test).
        ...(access.readsPolicy && access.table === 'none' ? ['dynamodb:GetItem'] : []),
      ].sort();
      expect({ fn: fn.node.id, actions: [...new Set(dynamoActionsOf(fn))].sort() }).toEqual({
        fn: fn.node.id,
        actions: expected,
      });
    }
  });

  it('lets a policy reader without table access GetItem the policy partition, nothing else of the table', () => {
    const readers = declared().filter(({ access }) => access.readsPolicy && access.table === 'none');
    expect(readers.map(({ fn }) => fn.node.id).sort()).toEqual(['GetChallenge', 'GetStaffDirectory']);
    const table = logicalId(stack, stack.table.table.node.defaultChild);
    for (const { fn } of readers) {
      const role = logicalId(stack, fn.role.node.defaultChild);
      const statements = propertiesOf<{
        Roles: { Ref: string }[];
        PolicyDocument: { Statement: (Statement & { Resource: unknown; Condition?: unknown })[] };
      }>(template, 'AWS::IAM::Policy')
        .filter(([, policy]) => policy.Roles.some((candidate) => candidate.Ref === role))
        .flatMap(([, policy]) => policy.PolicyDocument.Statement)
        .filter((statement) => JSON.stringify(statement.Action).includes('dynamodb:'));
      expect({ fn: fn.node.id, statements }).toEqual({
        fn: fn.node.id,
        statements: [
          {
            Effect: 'Allow',
            Action: 'dynamodb:GetItem',
            Resource: { 'Fn::GetAtt': [table, 'Arn'] },
            Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['POLICY'] } },
          },
        ],
      });
    }
  });

  it('lets only the functions that read the staff directory list the users of the staff pool', () => {
    const pool = logicalId(stack, stack.staff.userPool.node.defaultChild);
    for (const { fn, access } of declared()) {
      const role = logicalId(stack, fn.role.node.defaultChild);
      const cognito = propertiesOf<{
        Roles: { Ref: string }[];
        PolicyDocument: { Statement: (Statement & { Resource: unknown })[] };
      }>(template, 'AWS::IAM::Policy')
        .filter(([, policy]) => policy.Roles.some((candidate) => candidate.Ref === role))
        .flatMap(([, policy]) => policy.PolicyDocument.Statement)
        .filter((statement) => JSON.stringify(statement.Action).includes('cognito-idp:'));
      expect({ fn: fn.node.id, cognito }).toEqual({
        fn: fn.node.id,
        cognito: access.readsStaffDirectory
          ? [
              {
                Effect: 'Allow',
                Action: STAFF_DIRECTORY_ACTIONS[0],
                Resource: { 'Fn::GetAtt': [pool, 'Arn'] },
              },
            ]
          : [],
      });
    }
  });

  it('grants no Scan, DeleteItem, batch or wildcard DynamoDB action anywhere', () => {
    const granted = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    for (const action of [
      'dynamodb:Scan',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:BatchGetItem',
      'dynamodb:*',
    ]) {
      expect(granted, action).not.toContain(`"${action}"`);
    }
  });

  it('reads with GetItem and Query only, and writes through Put, Update and ConditionCheck items', () => {
    expect(TABLE_ACTIONS.read).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
    expect([...TABLE_ACTIONS.readWrite].sort()).toEqual(
      [
        'dynamodb:ConditionCheckItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ].sort(),
    );
  });
});
