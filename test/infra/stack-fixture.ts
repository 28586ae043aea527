import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { ComplaintsStack, type ComplaintsStackProps } from '../../infra/complaints-stack.ts';
import { ComplaintsEdgeStack } from '../../infra/edge-stack.ts';
import { DEFAULT_POLICY_FILE } from '../../infra/policy-file.ts';
import { fromRepoRoot } from '../../infra/repo-root.ts';

/** The feature flags of cdk.json, so the tests synthesise what `cdk synth` does. */
export const cdkJsonContext = (
  JSON.parse(readFileSync(fromRepoRoot('cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;

/** A stand-in for web/dist, so these tests neither need nor race the web build. */
const webAssetDirectory = mkdtempSync(path.join(tmpdir(), 'complaints-web-'));
writeFileSync(path.join(webAssetDirectory, 'index.html'), '<!doctype html><title>web</title>');

/** An app as the tests build it: no bundling (NodejsFunction skips esbuild, which keeps them fast). */
export const testApp = (): App => new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });

export const SENDER = 'complaints@example.com';

export const buildStack = (
  stage: string,
  props: Partial<ComplaintsStackProps> = {},
  app: App = testApp(),
): ComplaintsStack =>
  new ComplaintsStack(app, `Complaints-${stage}`, {
    stage,
    senderEmail: SENDER,
    policyFile: DEFAULT_POLICY_FILE,
    webAssetDirectory,
    ...props,
  });

type Json = Record<string, unknown>;

/** Resources of one type as [logicalId, Properties] pairs. */
export const propertiesOf = <T = Json>(template: Template, type: string): [string, T][] =>
  Object.entries(template.findResources(type) as Record<string, { Properties: T }>).map(([id, resource]) => [
    id,
    resource.Properties,
  ]);

export const logicalId = (stack: Stack, element: unknown): string =>
  stack.getLogicalId(element as CfnElement);

/** Both stacks as `cdk deploy --all` builds them, with every optional feature on. */
export const fullApp = (region = 'ap-east-1') => {
  const app = testApp();
  const edge = new ComplaintsEdgeStack(app, 'ComplaintsEdge-prod', {
    env: { region: 'us-east-1' },
    crossRegionReferences: true,
    requestsPerIpPer5Minutes: 500,
    botControl: true,
  });
  const stack = buildStack(
    'prod',
    {
      webAclArn: edge.webAcl.arn,
      alarmEmail: 'ops@example.com',
      budgetUsd: 100,
      senderDomain: 'example.com',
      inboundDomain: 'inbound.example.com',
      allowedOrigins: ['https://partner.example.com'],
      malwareScan: true,
      env: { region },
      crossRegionReferences: true,
    },
    app,
  );
  return { app, edge, stack };
};
