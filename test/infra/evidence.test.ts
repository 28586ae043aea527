import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { EVIDENCE_RECORDER } from '../../functions/s3-event-consumers.ts';
import type { ComplaintsStack } from '../../infra/complaints-stack.ts';
import type { NodeFunction } from '../../infra/constructs/node-function.ts';
import { buildStack, logicalId, propertiesOf } from './stack-fixture.ts';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const OBJECTS_ARN = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':s3:::evidence-prod-',
      { Ref: 'AWS::AccountId' },
      '-',
      { Ref: 'AWS::Region' },
      '/complaints/*',
    ],
  ],
};

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

  it('lets upload routes only put, readers only get, evidence objects; no other function touches S3', () => {
    const expected = (access: string | undefined) =>
      access === 'upload'
        ? [{ Effect: 'Allow', Action: 's3:PutObject', Resource: OBJECTS_ARN }]
        : access === 'read'
          ? [{ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECTS_ARN }]
          : [];
    for (const route of ROUTES) {
      const fn = stack.api.functions.get(route.name)!;
      expect({ fn: route.name, s3: s3StatementsOf(stack, template, fn) }).toEqual({
        fn: route.name,
        s3: expected(route.access.evidence),
      });
    }
    expect(s3StatementsOf(stack, template, stack.evidenceRecorders[0]!)).toEqual(expected('read'));
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
