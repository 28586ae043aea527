import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ComplaintsStack } from './complaints-stack.ts';
import { DEFAULT_POLICY_FILE } from './policy-file.ts';

const app = new App();

const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context "${name}" must be a string`);
  return value;
};

const stage = context('stage') ?? 'dev';
if (!/^[a-z][a-z0-9-]{0,19}$/u.test(stage)) {
  throw new Error(`Context "stage" must be lower-case letters, digits and dashes, got "${stage}"`);
}
const senderEmail = context('senderEmail') ?? 'no-reply@example.com';
const allowedOrigins = context('allowedOrigins')
  ?.split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);
// Relative to the repository root (or absolute); validated when the stack is built, so a bad policy
// fails `cdk synth`.
const policyFile = context('policyFile') ?? DEFAULT_POLICY_FILE;
// Comma-separated URLs of the staff console (the hosted UI's callback and sign-out URLs).
const consoleUrls = context('consoleUrls')
  ?.split(',')
  .map((url) => url.trim())
  .filter(Boolean);
const cognitoDomainPrefix = context('cognitoDomainPrefix');

new ComplaintsStack(app, `Complaints-${stage}`, {
  description: `Complaint handling platform (${stage})`,
  stage,
  senderEmail,
  allowedOrigins,
  policyFile,
  consoleUrls,
  cognitoDomainPrefix,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

Tags.of(app).add('application', 'complaint-handling');
Tags.of(app).add('stage', stage);

// cdk-nag 3 is a policy-validation plugin (no longer an aspect): synthesis fails on any unacknowledged
// error and prints warnings; test/infra fails on either. Acknowledgements are also written into the
// template metadata (cdk_nag.rules_to_suppress) as an audit trail.
Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
);
