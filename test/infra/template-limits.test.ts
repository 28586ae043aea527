import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fullApp } from './stack-fixture.ts';

/** CloudFormation's quotas on one stack's template (deployed through the CDK's S3 assets bucket). */
const MAX_RESOURCES = 500;
const MAX_TEMPLATE_BYTES = 1_000_000;

describe('CloudFormation template limits', () => {
  it('keeps the application stack, every optional feature on, within 500 resources and 1 MB', () => {
    // A Region with every service the stack uses (synthesis checks resource types against the Region).
    const { app, stack } = fullApp('eu-west-1');
    const assembly = app.synth();
    const artifact = assembly.getStackByName(stack.stackName);
    const text = readFileSync(artifact.templateFullPath, 'utf8');
    const resources = Object.keys((JSON.parse(text) as { Resources: object }).Resources).length;
    // Written without indentation: indented, `cdk synth` wrote 1.09 MB for this stack (2026-11-26).
    expect(text.startsWith('{"')).toBe(true);
    expect(resources).toBeLessThanOrEqual(MAX_RESOURCES);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_TEMPLATE_BYTES);
  }, 120_000);
});
