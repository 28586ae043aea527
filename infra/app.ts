import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ComplaintsStack } from './complaints-stack.ts';
import { ComplaintsEdgeStack } from './edge-stack.ts';
import { DEFAULT_POLICY_FILE } from './policy-file.ts';

const app = new App();

const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context "${name}" must be a string`);
  return value;
};
const list = (name: string): string[] | undefined =>
  context(name)
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const number = (name: string, { min }: { min: number }): number | undefined => {
  const text = context(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`Context "${name}" must be a number of at least ${min}, got "${text}"`);
  }
  return value;
};

const stage = context('stage') ?? 'dev';
if (!/^[a-z][a-z0-9-]{0,19}$/u.test(stage)) {
  throw new Error(`Context "stage" must be lower-case letters, digits and dashes, got "${stage}"`);
}
const senderEmail = context('senderEmail') ?? 'no-reply@example.com';
// Relative to the repository root (or absolute); validated when the stack is built, so a bad policy
// fails `cdk synth`.
const policyFile = context('policyFile') ?? DEFAULT_POLICY_FILE;

// The CLI sets CDK_DEFAULT_REGION from the profile when it deploys. The web ACL of a CloudFront
// distribution must live in us-east-1, which needs a concrete region here; a synthesis without any AWS
// configuration (CI) takes -c region= or this default, as README says (a Region with SES: ap-east-1 has none).
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = context('region') ?? process.env.CDK_DEFAULT_REGION ?? 'us-east-1';

// An existing web ACL (-c webAclArn=) or one in a stack of its own in us-east-1.
const existingWebAclArn = context('webAclArn');
const edge = existingWebAclArn
  ? undefined
  : new ComplaintsEdgeStack(app, `ComplaintsEdge-${stage}`, {
      description: `Complaint handling edge: CloudFront web ACL (${stage})`,
      env: { account, region: 'us-east-1' },
      crossRegionReferences: true,
      requestsPerIpPer5Minutes: number('wafRequestsPerIp', { min: 10 }) ?? 500,
      botControl: context('wafBotControl') === 'true',
    });

new ComplaintsStack(app, `Complaints-${stage}`, {
  description: `Complaint handling platform (${stage})`,
  stage,
  senderEmail,
  senderDomain: context('senderDomain'),
  mailFromDomain: context('mailFromDomain'),
  inboundDomain: context('inboundDomain'),
  allowedOrigins: list('corsOrigins'),
  policyFile,
  // Comma-separated URLs of the staff console (the hosted UI's callback and sign-out URLs).
  consoleUrls: list('consoleUrls'),
  cognitoDomainPrefix: context('cognitoDomainPrefix'),
  webAclArn: existingWebAclArn ?? edge?.webAcl.arn,
  publicConcurrency: number('publicConcurrency', { min: 1 }),
  alarmEmail: context('alarmEmail'),
  budgetUsd: number('budgetUsd', { min: 1 }),
  slaBreachesPerHour: number('slaBreachesPerHour', { min: 1 }),
  malwareScan: context('malwareScan') === 'true',
  env: { account, region },
  crossRegionReferences: edge !== undefined,
});

Tags.of(app).add('application', 'complaint-handling');
Tags.of(app).add('stage', stage);

// cdk-nag 3 and the AWS Control Tower guard rules (cfn-guard, its binary inside the npm package, run
// offline) are policy-validation plugins: synthesis fails on any unacknowledged error and prints
// warnings; test/infra fails on either. Acknowledgements are also written into the template metadata
// (cdk_nag.rules_to_suppress) as an audit trail.
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  new CfnGuardValidator(),
);
