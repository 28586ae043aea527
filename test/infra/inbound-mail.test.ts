import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAIL_RECEIVER } from '../../functions/workflow/mail-receiver.ts';
import type { ComplaintsStack } from '../../infra/complaints-stack.ts';
import { INBOUND_MAIL_PREFIX, RAW_MAIL_DAYS } from '../../infra/constructs/inbound-mail.ts';
import { buildStack, logicalId, propertiesOf } from './stack-fixture.ts';

interface FunctionProperties {
  Environment: { Variables: Record<string, unknown> };
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Principal?: unknown;
  Resource: unknown;
  Condition?: unknown;
}

describe('inbound mail: SES receiving (-c inboundDomain=)', () => {
  let stack: ComplaintsStack;
  let template: Template;

  beforeAll(() => {
    stack = buildStack('prod', { inboundDomain: 'inbound.example.com' });
    template = Template.fromStack(stack);
  }, 60_000);

  const ref = (construct: { node: { defaultChild?: unknown } }) => ({
    Ref: logicalId(stack, construct.node.defaultChild),
  });
  const variablesOf = (fn: { function: { node: { defaultChild?: unknown } } }) =>
    propertiesOf<FunctionProperties>(template, 'AWS::Lambda::Function').find(
      ([id]) => id === logicalId(stack, fn.function.node.defaultChild),
    )![1].Environment.Variables;

  it('creates nothing inbound without the context, and customer mail then names no reply domain', () => {
    const dev = buildStack('dev');
    expect(dev.inboundMail).toBeUndefined();
    const plain = Template.fromStack(dev);
    plain.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    plain.resourceCountIs('AWS::SES::ReceiptRule', 0);
    expect(JSON.stringify(plain.toJSON())).not.toContain('INBOUND_DOMAIN');
  });

  it('has one rule for the whole domain: TLS required, scanning on, raw mail stored then ReceiveMail invoked asynchronously', () => {
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
    template.hasResourceProperties('AWS::SES::ReceiptRuleSet', { RuleSetName: 'complaints-prod' });
    template.resourceCountIs('AWS::SES::ReceiptRule', 1);
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: ref(stack.inboundMail!.ruleSet),
      Rule: {
        Name: 'complaints-inbound',
        Enabled: true,
        Recipients: ['inbound.example.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          { S3Action: { BucketName: ref(stack.inboundMail!.bucket), ObjectKeyPrefix: INBOUND_MAIL_PREFIX } },
          {
            LambdaAction: {
              FunctionArn: {
                'Fn::GetAtt': [
                  logicalId(stack, stack.inboundMail!.receiver.function.node.defaultChild),
                  'Arn',
                ],
              },
              InvocationType: 'Event',
            },
          },
        ],
      },
    });
    // SES may invoke the function, for this account only.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: Match.anyValue(),
    });
    expect(
      propertiesOf<{ Principal: string }>(template, 'AWS::Lambda::Permission').filter(
        ([, permission]) => permission.Principal === 'ses.amazonaws.com',
      ),
    ).toHaveLength(1);
    expect(stack.inboundMail!.receiver.node.id).toBe(MAIL_RECEIVER.name);
  });

  it('keeps raw mail in a private, encrypted, TLS-only bucket that expires it after 90 days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: RAW_MAIL_DAYS, Status: 'Enabled' })]),
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'inbound-mail/' }),
    });
  });

  it('lets only SES of this account, for this rule, put raw mail, and refuses plain HTTP', () => {
    const [, policy] = propertiesOf<{ Bucket: unknown; PolicyDocument: { Statement: Statement[] } }>(
      template,
      'AWS::S3::BucketPolicy',
    ).find(
      ([, candidate]) => JSON.stringify(candidate.Bucket) === JSON.stringify(ref(stack.inboundMail!.bucket)),
    )!;
    const ses = policy.PolicyDocument.Statement.filter((statement) =>
      JSON.stringify(statement.Principal).includes('ses.amazonaws.com'),
    );
    expect(ses).toHaveLength(1);
    expect(ses[0]).toMatchObject({
      Effect: 'Allow',
      Action: 's3:PutObject',
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      },
    });
    expect(JSON.stringify((ses[0]!.Condition as { ArnLike: unknown }).ArnLike)).toContain(
      ':receipt-rule-set/complaints-prod:receipt-rule/complaints-inbound',
    );
    expect(JSON.stringify(ses[0]!.Resource)).toContain(`/${INBOUND_MAIL_PREFIX}*`);
    expect(policy.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
  });

  it('gives ReceiveMail its domain and buckets, reading raw mail and putting evidence under complaints/ only', () => {
    const receiver = stack.inboundMail!.receiver;
    expect(variablesOf(receiver)).toMatchObject({
      INBOUND_DOMAIN: 'inbound.example.com',
      SENDER_EMAIL: 'complaints@example.com',
      INBOUND_MAIL_BUCKET: ref(stack.inboundMail!.bucket),
      INBOUND_MAIL_PREFIX,
    });
    expect(variablesOf(receiver).EVIDENCE_BUCKET).toBeDefined();
    const role = logicalId(stack, receiver.role.node.defaultChild);
    const s3 = propertiesOf<{ Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } }>(
      template,
      'AWS::IAM::Policy',
    )
      .filter(([, policy]) => policy.Roles.some((candidate) => candidate.Ref === role))
      .flatMap(([, policy]) => policy.PolicyDocument.Statement)
      .filter((statement) => JSON.stringify(statement.Action).includes('s3:'));
    const actions = s3.flatMap((statement) => [statement.Action].flat());
    expect(actions).not.toContain('s3:DeleteObject');
    expect(actions.some((action) => action.startsWith('s3:Put'))).toBe(true);
    expect(JSON.stringify(s3)).toContain(`/${INBOUND_MAIL_PREFIX}*`);
    expect(JSON.stringify(s3)).toContain('/complaints/*');
    expect(JSON.stringify(s3)).not.toMatch(/"Resource":"\*"/u);
  });

  it('puts the reply domain on the functions that mail customers, and only those', () => {
    const named = propertiesOf<FunctionProperties>(template, 'AWS::Lambda::Function').filter(
      ([, fn]) => fn.Environment?.Variables?.INBOUND_DOMAIN !== undefined,
    );
    for (const [, fn] of named) expect(fn.Environment.Variables.INBOUND_DOMAIN).toBe('inbound.example.com');
    const acknowledgement = variablesOf(stack.workflow.tasks.SendAcknowledgementFunctionArn);
    expect(acknowledgement.INBOUND_DOMAIN).toBe('inbound.example.com');
    const summary = variablesOf(stack.dailySummary.handler);
    expect(summary.INBOUND_DOMAIN).toBeUndefined();
  });
});
