import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionAccess } from '../../functions/function-access.ts';
import { ROUTES } from '../../functions/routes.ts';
import { EVIDENCE_RECORDER } from '../../functions/s3-event-consumers.ts';
import { DATA_REQUEST_CONSUMER } from '../../functions/workflow/data-request-consumer.ts';
import { RETENTION_JOB } from '../../functions/workflow/retention-job.ts';
import type { ComplaintsStack } from '../../infra/complaints-stack.ts';
import type { NodeFunction } from '../../infra/constructs/node-function.ts';
import { buildStack, logicalId, propertiesOf } from './stack-fixture.ts';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const bucketArn = (path: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':s3:::evidence-prod-',
      { Ref: 'AWS::AccountId' },
      '-',
      { Ref: 'AWS::Region' },
      path,
    ],
  ],
});
const EXPORTS_ARN = bucketArn('/data-requests/*');
const OBJECTS_ARN = bucketArn('/complaints/*');

const s3StatementsOf = (stack: ComplaintsStack, template: Template, fn: NodeFunction): Statement[] => {
  const role = logicalId(stack, fn.role.node.defaultChild);
  return propertiesOf<{ Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } }>(
    template,
    'AWS::IAM::Policy',
  )
    .filter(([, policy]) => policy.Roles.some((candidate) => candidate.Ref === role))
    .flatMap(([, policy]) => policy.PolicyDocument.Statement)
    .filter((statement) => JSON.stringify(statement.Action).includes('"s3:'));
};

/**
 * One `{ Effect, Action, Resource }` per action and resource, in a fixed order: CDK merges statements
 * that share an action, so grants are compared flattened.
 */
const s3GrantsOf = (stack: ComplaintsStack, template: Template, fn: NodeFunction): Statement[] =>
  s3StatementsOf(stack, template, fn)
    .flatMap((statement) =>
      [statement.Action]
        .flat()
        .flatMap((Action) =>
          [statement.Resource].flat().map((Resource) => ({ Effect: statement.Effect, Action, Resource })),
        ),
    )
    .toSorted((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('evidence bucket', () => {
  let stack: ComplaintsStack;
  let template: Template;

  beforeAll(() => {
    stack = buildStack('prod');
    template = Template.fromStack(stack);
  }, 60_000);

  it('is private, encrypted, versioned, TLS-only, logged, with lifecycle rules and CORS for the web origin', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: {
        'Fn::Join': ['', ['evidence-prod-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          }),
          // Personal-data exports go once no download link opens them any more.
          Match.objectLike({ Status: 'Enabled', Prefix: 'data-requests/', ExpirationInDays: 31 }),
        ],
      },
      CorsConfiguration: {
        CorsRules: [
          Match.objectLike({
            AllowedMethods: ['POST', 'GET', 'HEAD'],
            AllowedOrigins: [stack.resolve(stack.web.url)],
          }),
        ],
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'evidence/' }),
    });
    const bucket = logicalId(stack, stack.evidence.bucket.node.defaultChild);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('notifies the recorder of new objects under complaints/, natively (no custom-resource function)', () => {
    const recorder = logicalId(stack, stack.evidenceRecorders[0]!.function.node.defaultChild);
    expect(stack.evidenceRecorders.map((fn) => fn.node.id)).toEqual([EVIDENCE_RECORDER.name]);
    template.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: {
        LambdaConfigurations: [
          {
            Event: 's3:ObjectCreated:*',
            Function: { 'Fn::GetAtt': [recorder, 'Arn'] },
            Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'complaints/' }] } },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 's3.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [recorder, 'Arn'] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    // S3 checks its permission to invoke when the configuration is saved: the permission comes first.
    const [permission] = propertiesOf(template, 'AWS::Lambda::Permission').find(
      ([, properties]) => (properties as { Principal?: string }).Principal === 's3.amazonaws.com',
    )!;
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ NotificationConfiguration: Match.anyValue() }),
      DependsOn: Match.arrayWith([permission]),
    });
    template.resourceCountIs('Custom::S3BucketNotifications', 0);
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: recorder },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('lets upload routes only put, readers only get, evidence objects; erasing routes delete them; export routes touch only exports; no other function touches S3', () => {
    const expected = (access: FunctionAccess): Statement[] =>
      [
        ...(access.evidence === 'upload'
          ? [{ Effect: 'Allow', Action: 's3:PutObject', Resource: OBJECTS_ARN }]
          : access.evidence === 'read'
            ? [{ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECTS_ARN }]
            : []),
        ...(access.evidenceDeletion
          ? [{ Effect: 'Allow', Action: 's3:DeleteObject', Resource: OBJECTS_ARN }]
          : []),
        ...(access.dataExports
          ? [
              {
                Effect: 'Allow',
                Action: access.dataExports === 'write' ? 's3:PutObject' : 's3:GetObject',
                Resource: EXPORTS_ARN,
              },
            ]
          : []),
      ].toSorted((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    for (const route of ROUTES) {
      const fn = stack.api.functions.get(route.name)!;
      expect({ fn: route.name, s3: s3GrantsOf(stack, template, fn) }).toEqual({
        fn: route.name,
        s3: expected(route.access),
      });
    }
    expect(s3GrantsOf(stack, template, stack.evidenceRecorders[0]!)).toEqual(
      expected(EVIDENCE_RECORDER.access),
    );
    // The retention job and the data-request consumer: deleting (and storing exports) as declared.
    expect(s3GrantsOf(stack, template, stack.retention.handler)).toEqual(expected(RETENTION_JOB.access));
    expect(s3GrantsOf(stack, template, stack.dataRequestConsumer.handler)).toEqual(
      expected(DATA_REQUEST_CONSUMER.access),
    );
    expect(s3StatementsOf(stack, template, stack.mailEventRecorder)).toEqual([]);
    template.resourceCountIs('AWS::GuardDuty::MalwareProtectionPlan', 0);
  });

  it('with -c malwareScan=true: a GuardDuty plan tags the evidence objects, and readers check the tag', () => {
    const scanned = buildStack('prod', { malwareScan: true });
    const scannedTemplate = Template.fromStack(scanned);
    scannedTemplate.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: {
        S3Bucket: { BucketName: Match.anyValue(), ObjectPrefixes: ['complaints/'] },
      },
      Actions: { Tagging: { Status: 'ENABLED' } },
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('MalwareScanRole'), 'Arn'] },
    });
    scannedTemplate.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } }),
        ],
      },
    });
    const reader = scanned.api.functions.get('GetStaffAttachment')!;
    expect(s3StatementsOf(scanned, scannedTemplate, reader)).toEqual([
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectTagging'], Resource: OBJECTS_ARN },
    ]);
    const [, properties] = propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(
      scannedTemplate,
      'AWS::Lambda::Function',
    ).find(([id]) => id === logicalId(scanned, reader.function.node.defaultChild))!;
    expect(properties.Environment.Variables.MALWARE_SCAN).toBe('true');
  }, 60_000);
});
