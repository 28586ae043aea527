import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.ts';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.ts';
import { DAILY_SUMMARY } from '../../functions/workflow/daily-summary.ts';
import type { FunctionAccess } from '../../functions/function-access.ts';
import type { ComplaintsStack } from '../../infra/complaints-stack.ts';
import type { NodeFunction } from '../../infra/constructs/node-function.ts';
import { MAIL_EVENT_RECORDER } from '../../functions/workflow/mail-event-recorder.ts';
import { buildStack, logicalId, propertiesOf } from './stack-fixture.ts';

interface FunctionProperties {
  Environment: { Variables: Record<string, unknown> };
}

describe('mail: SES identity, configuration set, events', () => {
  let stack: ComplaintsStack;
  let template: Template;

  beforeAll(() => {
    stack = buildStack('prod', { senderEmail: 'complaints@example.com', senderDomain: 'example.com' });
    template = Template.fromStack(stack);
  }, 60_000);

  const configurationSetRef = () => ({
    Ref: logicalId(stack, stack.mail.configurationSet.node.defaultChild),
  });

  it('verifies the sender domain with Easy DKIM and a custom MAIL FROM, sending through the configuration set', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.com',
      DkimAttributes: { SigningEnabled: true },
      MailFromAttributes: { MailFromDomain: 'mail.example.com' },
      ConfigurationSetAttributes: { ConfigurationSetName: configurationSetRef() },
    });
  });

  it('keeps the single-address identity when no domain is given, where it was (not replaced on update)', () => {
    const dev = buildStack('dev');
    expect(dev.mail.identity.node.path).toBe('Complaints-dev/SenderIdentity');
    const single = Template.fromStack(dev);
    single.resourceCountIs('AWS::SES::EmailIdentity', 1);
    single.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'complaints@example.com',
      MailFromAttributes: Match.absent(),
    });
  });

  it('refuses a sender outside the sender domain', () => {
    expect(() => buildStack('dev', { senderEmail: 'a@other.example', senderDomain: 'example.com' })).toThrow(
      /not an address of senderDomain/u,
    );
  });

  it('has a configuration set with reputation metrics', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
  });

  it('publishes bounces, complaints, deliveries and rejects to the default event bus', () => {
    const [, destination] = propertiesOf<{
      ConfigurationSetName: unknown;
      EventDestination: { MatchingEventTypes: string[]; EventBridgeDestination: { EventBusArn: unknown } };
    }>(template, 'AWS::SES::ConfigurationSetEventDestination')[0]!;
    expect(destination.ConfigurationSetName).toEqual(configurationSetRef());
    expect(destination.EventDestination.MatchingEventTypes.sort()).toEqual(
      ['bounce', 'complaint', 'delivery', 'reject'].sort(),
    );
    expect(JSON.stringify(destination.EventDestination.EventBridgeDestination.EventBusArn)).toContain(
      ':event-bus/default',
    );
  });

  it('routes the events of this configuration set to RecordMailEvent, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [configurationSetRef()] } } },
      },
      Targets: [
        Match.objectLike({
          Arn: {
            'Fn::GetAtt': [logicalId(stack, stack.mailEventRecorder.function.node.defaultChild), 'Arn'],
          },
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [logicalId(stack, stack.mail.deadLetterQueue.node.defaultChild), 'Arn'] },
          },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
    expect(stack.mailEventRecorder.node.id).toBe(MAIL_EVENT_RECORDER.name);
  });

  it('lets the functions that send mail use the configuration set, which SES authorises too', () => {
    const sendsThroughSet = propertiesOf<{
      Roles: { Ref: string }[];
      PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] };
    }>(template, 'AWS::IAM::Policy')
      .filter(([, policy]) =>
        policy.PolicyDocument.Statement.some(
          (statement) =>
            JSON.stringify(statement.Action).includes('ses:SendEmail') &&
            JSON.stringify(statement.Resource).includes(':configuration-set/') &&
            JSON.stringify(statement.Resource).includes(JSON.stringify(configurationSetRef())),
        ),
      )
      .flatMap(([, policy]) => policy.Roles.map((role) => role.Ref));
    const mailers = [stack.workflow.tasks.SendAcknowledgementFunctionArn, stack.dailySummary.handler].map(
      (fn) => logicalId(stack, fn.role.node.defaultChild),
    );
    expect(sendsThroughSet).toEqual(expect.arrayContaining(mailers));
    const readOnly = logicalId(stack, stack.api.functions.get('GetComplaint')!.role.node.defaultChild);
    expect(sendsThroughSet).not.toContain(readOnly);
  });

  it('names the configuration set to exactly the functions that send mail (SES_CONFIGURATION_SET)', () => {
    const declared: { fn: NodeFunction; access: FunctionAccess }[] = [
      ...ROUTES.map((route) => ({ fn: stack.api.functions.get(route.name)!, access: route.access })),
      ...(Object.keys(WORKFLOW_TASKS) as (keyof typeof WORKFLOW_TASKS)[]).map((task) => ({
        fn: stack.workflow.tasks[task],
        access: WORKFLOW_TASKS[task].access,
      })),
      { fn: stack.dailySummary.handler, access: DAILY_SUMMARY.access },
    ];
    const functions = new Map(propertiesOf<FunctionProperties>(template, 'AWS::Lambda::Function'));
    const mailers = declared.filter(({ access }) => access.sendsEmail === true);
    expect(mailers.length).toBeGreaterThan(0);
    for (const { fn, access } of declared) {
      const variables = functions.get(logicalId(stack, fn.function.node.defaultChild))!.Environment.Variables;
      expect({ fn: fn.node.id, set: variables.SES_CONFIGURATION_SET }).toEqual({
        fn: fn.node.id,
        set: access.sendsEmail ? configurationSetRef() : undefined,
      });
    }
  });
});
