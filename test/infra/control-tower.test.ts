import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { type App, Validations } from 'aws-cdk-lib';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildStack, fullApp, testApp } from './stack-fixture.ts';

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
    suppressedViolations?: { ruleName: string }[];
  }[];
}

/** Synthesises the app with the Control Tower guard rules and returns the cfn-guard report. */
const guardReport = (app: App): ValidationReport['pluginReports'][number] => {
  Validations.of(app).addPlugins(new CfnGuardValidator());
  let outdir: string;
  try {
    outdir = app.synth().directory;
  } catch {
    // A failed validation still writes its report before synthesis throws.
    outdir = app.outdir;
  }
  const report = JSON.parse(
    readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
  return report.pluginReports.find((plugin) => plugin.pluginName === 'cdk-validator-cfnguard')!;
};

describe('AWS Control Tower guard rules (cfn-guard)', () => {
  it('pass for the application and edge stacks, every remaining finding acknowledged', () => {
    const report = guardReport(fullApp().app);
    expect(
      report.violations.map((violation) => [
        violation.ruleName,
        violation.violatingConstructs.map((construct) => construct.constructPath),
      ]),
    ).toEqual([]);
    expect(report.conclusion).toBe('success');
    // The fixed ones are not merely acknowledged.
    const acknowledged = new Set(report.suppressedViolations?.map((violation) => violation.ruleName));
    for (const fixed of [
      'cloudwatch_log_group_retention_period_check',
      'cloudwatch_log_group_encrypted_check',
      's3_bucket_versioning_enabled_check',
      's3_lifecycle_policy_check',
      'kms_create_grant_aws_service_check',
    ]) {
      expect(acknowledged.has(fixed), fixed).toBe(false);
    }
  }, 120_000);

  it('leave cdk-nag with nothing to report either, with every optional feature on', () => {
    const { edge, stack } = fullApp();
    for (const scope of [edge, stack]) {
      const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(scope);
      expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
    }
  }, 120_000);

  it('do catch a violation (the check is not vacuous)', () => {
    const app = testApp();
    const stack = buildStack('dev', {}, app);
    new CfnLogGroup(stack, 'ShortLivedLogGroup', { retentionInDays: 7 });
    const report = guardReport(app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual(
      expect.arrayContaining(['cloudwatch_log_group_retention_period_check']),
    );
  }, 120_000);
});
