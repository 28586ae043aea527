import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINT_SORT_KEY, TABLE_SCHEMA } from '../../functions/adapters/table.ts';
import { STAFF_ROLES } from '../../functions/domain/staff.ts';
import { ACCESS_ADAPTERS, type FunctionAccess } from '../../functions/function-access.ts';
import { isStaffRoute, ROUTES } from '../../functions/routes.ts';
import { S3_EVENT_CONSUMERS } from '../../functions/s3-event-consumers.ts';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.ts';
import { LIFECYCLE_STARTER } from '../../functions/workflow/lifecycle-starter.ts';
import { KPI_COUNTER } from '../../functions/workflow/kpi-counter.ts';
import { DAILY_SUMMARY } from '../../functions/workflow/daily-summary.ts';
import { LIFECYCLE_RECONCILER } from '../../functions/workflow/lifecycle-reconciler.ts';
import { ROUTE_CONCURRENCY, ROUTE_THROTTLES } from '../../infra/api-throttles.ts';
import { ComplaintsStack, type ComplaintsStackProps } from '../../infra/complaints-stack.ts';
import {
  BUNDLED_POLICY_FILE,
  copyIntoBundle,
  type NodeFunction,
} from '../../infra/constructs/node-function.ts';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../infra/policy-file.ts';
import { fromRepoRoot } from '../../infra/repo-root.ts';

const SENDER = 'complaints@example.com';
type TaskSubstitution = keyof typeof WORKFLOW_TASKS;
const TASK_SUBSTITUTIONS = Object.keys(WORKFLOW_TASKS) as TaskSubstitution[];

/** The feature flags of cdk.json, so the tests synthesise what `cdk synth` does. */
const cdkJsonContext = (JSON.parse(readFileSync(fromRepoRoot('cdk.json'), 'utf8')) as { context: object })
  .context;

interface Synthesized {
  stack: ComplaintsStack;
  template: Template;
}

/** A stand-in for web/dist, so these tests neither need nor race the web build. */
const webAssetDirectory = mkdtempSync(path.join(tmpdir(), 'complaints-web-'));
writeFileSync(path.join(webAssetDirectory, 'index.html'), '<!doctype html><title>web</title>');

const buildStack = (stage: string, props: Partial<ComplaintsStackProps> = {}): ComplaintsStack => {
  // No bundling-stacks: NodejsFunction skips esbuild, which keeps these tests fast.
  const app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
  return new ComplaintsStack(app, `Complaints-${stage}`, {
    stage,
    senderEmail: SENDER,
    policyFile: DEFAULT_POLICY_FILE,
    webAssetDirectory,
    ...props,
  });
};

/** The deployed staff console's URL, as the template states it. */
const consoleUrlOf = (stack: ComplaintsStack): unknown => stack.resolve(`${stack.web.url}/console/`);

const synthesize = (stage: string): Synthesized => {
  const stack = buildStack(stage);
  return { stack, template: Template.fromStack(stack) };
};

type Json = Record<string, unknown>;

/** Resources of one type as [logicalId, Properties] pairs. */
const propertiesOf = <T = Json>(template: Template, type: string): [string, T][] =>
  Object.entries(template.findResources(type) as Record<string, { Properties: T }>).map(([id, resource]) => [
    id,
    resource.Properties,
  ]);

const logicalId = (stack: Stack, element: unknown): string => stack.getLogicalId(element as CfnElement);

interface FunctionProperties {
  Runtime: string;
  Architectures: string[];
  Environment: { Variables: Record<string, unknown> };
  LoggingConfig?: { LogGroup?: unknown };
  TracingConfig?: { Mode: string };
}

interface PolicyStatement {
  Action: string | string[];
  Resource: unknown;
}

/** The statements of the default policy attached to the given role. */
const statementsOfRole = (template: Template, roleLogicalId: string): PolicyStatement[] =>
  propertiesOf<{ Roles: { Ref: string }[]; PolicyDocument: { Statement: PolicyStatement[] } }>(
    template,
    'AWS::IAM::Policy',
  )
    .filter(([, policy]) => policy.Roles.some((role) => role.Ref === roleLogicalId))
    .flatMap(([, policy]) => policy.PolicyDocument.Statement);

const actionsOf = (statements: PolicyStatement[]): string[] =>
  statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );

const resourcesOf = (statement: PolicyStatement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];

/** Value-imported relative modules (`import type` is erased by esbuild and does not count). */
const IMPORT = /\b(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gu;

/** Whether the handler at `entry` (repository-relative) bundles `module`, following relative imports. */
const bundles = (entry: string, module: string): boolean => {
  const seen = new Set<string>();
  const pending = [path.normalize(entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, typeOnly, specifier] of readFileSync(fromRepoRoot(file), 'utf8').matchAll(IMPORT)) {
      if (!typeOnly && specifier) pending.push(path.join(path.dirname(file), specifier));
    }
  }
  return seen.has(path.normalize(module));
};

/** GET routes that record each read (the read audit), so they write one item per read. */
const RECORDED_READS = ['GetStaffCase', 'GetStaffAttachment', 'ExportComplaints'];

describe('ComplaintsStack', () => {
  let dev: Synthesized;
  let prod: Synthesized;

  beforeAll(() => {
    dev = synthesize('dev');
    prod = synthesize('prod');
  }, 60_000);

  const functionProperties = (synthesized: Synthesized, task: TaskSubstitution): FunctionProperties => {
    const id = logicalId(
      synthesized.stack,
      synthesized.stack.workflow.tasks[task].function.node.defaultChild,
    );
    return propertiesOf<FunctionProperties>(synthesized.template, 'AWS::Lambda::Function').find(
      ([candidate]) => candidate === id,
    )![1];
  };

  /** Actions and resources of the statements of a task function's role. */
  const roleActionsOf = (synthesized: Synthesized, task: TaskSubstitution) => {
    const role = synthesized.stack.workflow.tasks[task].role;
    const statements = statementsOfRole(
      synthesized.template,
      logicalId(synthesized.stack, role.node.defaultChild),
    );
    return { actions: actionsOf(statements), resources: statements.flatMap(resourcesOf) };
  };

  describe('table', () => {
    it('is built from TABLE_SCHEMA: on demand, PITR, stream, TTL, encrypted', () => {
      dev.template.resourceCountIs('AWS::DynamoDB::Table', 1);
      dev.template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.timeToLiveAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
      });
    });

    it('has every index of TABLE_SCHEMA, each projecting only its declared attributes', () => {
      const [, table] = propertiesOf<{
        GlobalSecondaryIndexes: { IndexName: string; KeySchema: unknown; Projection: unknown }[];
      }>(dev.template, 'AWS::DynamoDB::Table')[0]!;
      expect(table.GlobalSecondaryIndexes.map((index) => index.IndexName)).toEqual([
        'byCustomer',
        'queueAllByDue',
        'queueDepartmentByDue',
        'queueAssigneeByDue',
        'queueAllBySubmission',
        'byCustomerPhone',
        'bySubmissionDay',
        'byLifecycleWatch',
        'byRetention',
      ]);
      for (const index of TABLE_SCHEMA.globalSecondaryIndexes) {
        expect(table.GlobalSecondaryIndexes).toContainEqual({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projectedAttributes] },
        });
      }
      // Repeat detection needs no personal data, and no index carries the complaint text.
      const byCustomer = TABLE_SCHEMA.globalSecondaryIndexes.find(
        (index) => index.indexName === 'byCustomer',
      );
      expect(byCustomer?.projectedAttributes).toEqual(['id', 'reference', 'category']);
      const byPhone = TABLE_SCHEMA.globalSecondaryIndexes.find(
        (index) => index.indexName === 'byCustomerPhone',
      );
      expect(byPhone?.projectedAttributes).toEqual(['id']);
      for (const index of TABLE_SCHEMA.globalSecondaryIndexes) {
        expect(index.projectedAttributes).not.toContain('description');
        // Every save changes `version`: projected, it would rewrite the complaint's index rows each time.
        expect(index.projectedAttributes).not.toContain('version');
      }
    });

    it('has a submission-time index for the CSV export, by UTC day, without personal data', () => {
      const [, table] = propertiesOf<{
        GlobalSecondaryIndexes: {
          IndexName: string;
          KeySchema: unknown;
          Projection: { NonKeyAttributes: string[] };
        }[];
        AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
      }>(dev.template, 'AWS::DynamoDB::Table')[0]!;
      const index = table.GlobalSecondaryIndexes.find(
        (candidate) => candidate.IndexName === 'bySubmissionDay',
      );
      expect(index?.KeySchema).toEqual([
        { AttributeName: 'submittedDay', KeyType: 'HASH' },
        { AttributeName: 'submittedAt', KeyType: 'RANGE' },
      ]);
      expect(table.AttributeDefinitions).toContainEqual({
        AttributeName: 'submittedDay',
        AttributeType: 'S',
      });
      expect(index?.Projection.NonKeyAttributes).toEqual(
        expect.arrayContaining([
          'reference',
          'channel',
          'subject',
          'status',
          'sla',
          'followUp',
          'reopenCount',
        ]),
      );
      for (const personal of ['customer', 'customerKey', 'description', 'resolution']) {
        expect(index?.Projection.NonKeyAttributes).not.toContain(personal);
      }
    });

    it('is protected and retained outside dev', () => {
      prod.template.hasResource('AWS::DynamoDB::Table', {
        Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('is disposable in dev', () => {
      dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
      const tables = propertiesOf<{ DeletionProtectionEnabled?: boolean }>(
        dev.template,
        'AWS::DynamoDB::Table',
      );
      expect(tables.map(([, table]) => table.DeletionProtectionEnabled ?? false)).toEqual([false]);
    });
  });

  describe('functions', () => {
    it('has one Node.js 22 arm64 function per route, per workflow task, per stream consumer, for the daily summary, the reconciler, the retention job, data requests and for mail events', () => {
      // Not counted: CDK's own BucketDeployment provider (Python), which uploads the web app.
      const functions = propertiesOf<FunctionProperties>(dev.template, 'AWS::Lambda::Function').filter(
        ([id]) => !id.startsWith('CustomCDKBucketDeployment'),
      );
      expect(functions).toHaveLength(
        ROUTES.length + TASK_SUBSTITUTIONS.length + 7 + S3_EVENT_CONSUMERS.length,
      );
      for (const [id, fn] of functions) {
        expect({ id, runtime: fn.Runtime, architectures: fn.Architectures }).toEqual({
          id,
          runtime: 'nodejs22.x',
          architectures: ['arm64'],
        });
        expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
        expect(fn.LoggingConfig?.LogGroup, id).toBeDefined();
        expect(fn.Environment.Variables).toMatchObject({
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'complaints',
          TABLE_NAME: { Ref: logicalId(dev.stack, dev.stack.table.table.node.defaultChild) },
        });
      }
    });

    it('uses no AWS managed policy (each role writes to its own log group only)', () => {
      for (const [id, role] of propertiesOf<{ ManagedPolicyArns?: unknown[] }>(
        dev.template,
        'AWS::IAM::Role',
      )) {
        expect(role.ManagedPolicyArns, id).toBeUndefined();
      }
    });

    it('gives the acknowledgement task the sender, the API URL and the signing key', () => {
      const ack = dev.stack.workflow.tasks.SendAcknowledgementFunctionArn.function;
      const ackId = logicalId(dev.stack, ack.node.defaultChild);
      const [, properties] = propertiesOf<FunctionProperties>(dev.template, 'AWS::Lambda::Function').find(
        ([id]) => id === ackId,
      )!;
      expect(properties.Environment.Variables).toMatchObject({
        SENDER_EMAIL: SENDER,
        PUBLIC_WEB_URL: dev.stack.resolve(dev.stack.web.url) as unknown,
        TOKEN_SIGNING_SECRET_ARN: { Ref: expect.stringMatching(/^TokenSigningKey/) as unknown },
      });
      const statements = statementsOfRole(dev.template, logicalId(dev.stack, ack.role!.node.defaultChild));
      expect(actionsOf(statements)).toEqual(
        expect.arrayContaining(['ses:SendEmail', 'secretsmanager:GetSecretValue', 'dynamodb:PutItem']),
      );
    });

    it('lets only the functions that mail send email, from the sender identity', () => {
      const senders = propertiesOf<{ PolicyDocument: { Statement: PolicyStatement[] } }>(
        dev.template,
        'AWS::IAM::Policy',
      ).filter(([, policy]) => actionsOf(policy.PolicyDocument.Statement).includes('ses:SendEmail'));
      expect(senders.map(([id]) => id).sort()).toEqual(
        [
          'DailySummarySendDailySummary',
          // Data-subject requests: the confirmation link, the outcome and the export link.
          'DataRequestsCarryOutDataRequests',
          'HttpAskForDataRequestFromTracking',
          'HttpAskForDataRequest',
          'HttpDecideDataRequest',
          // Find my complaint: mails the tracking link at once.
          'HttpRequestTrackingLink',
          // A complaint surge mails senior management at once.
          'KpiCounterCountKpis',
          'LifecycleAdvanceLifecycle',
          'LifecycleNotifyEmergency',
          'LifecycleSendAcknowledgement',
        ].map((prefix): unknown => expect.stringMatching(new RegExp(`^${prefix}Role`, 'u')) as unknown),
      );
      for (const task of ['AdvanceLifecycleFunctionArn', 'NotifyEmergencyFunctionArn'] as const) {
        expect(functionProperties(dev, task).Environment.Variables).toMatchObject({ SENDER_EMAIL: SENDER });
      }
      dev.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: SENDER });
    });

    it('lets triage query the byCustomer index, and only RegisterWait end the lifecycle', () => {
      const triage = roleActionsOf(dev, 'TriageFunctionArn');
      expect(triage.actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem']));
      const tableArn = {
        'Fn::GetAtt': [logicalId(dev.stack, dev.stack.table.table.node.defaultChild), 'Arn'],
      };
      expect(triage.resources).toContainEqual({ 'Fn::Join': ['', [tableArn, '/index/*']] });

      const enders = propertiesOf<{ PolicyDocument: { Statement: PolicyStatement[] } }>(
        dev.template,
        'AWS::IAM::Policy',
      ).filter(([, policy]) => actionsOf(policy.PolicyDocument.Statement).includes('states:SendTaskFailure'));
      expect(enders.map(([id]) => id)).toEqual([expect.stringMatching(/^LifecycleRegisterWaitRole/u)]);
    });

    it('lets only the functions that signal the workflow answer task tokens (no resource type: "*")', () => {
      const answering = propertiesOf<{ PolicyDocument: { Statement: PolicyStatement[] } }>(
        dev.template,
        'AWS::IAM::Policy',
      ).filter(([, policy]) =>
        actionsOf(policy.PolicyDocument.Statement).some((a) => a.startsWith('states:Send')),
      );
      expect(answering.map(([id]) => id).sort()).toEqual(
        [
          'HttpAnswerSurvey',
          // Resolving an incident resolves its complaints (the staff resolve action).
          'HttpPerformIncidentAction',
          'HttpPerformStaffAction',
          'HttpPostCustomerMessage',
          'LifecycleRegisterWait',
        ].map((prefix): unknown => expect.stringMatching(new RegExp(`^${prefix}Role`, 'u')) as unknown),
      );
      for (const [id, policy] of answering) {
        const statements = policy.PolicyDocument.Statement.filter((statement) =>
          actionsOf([statement]).includes('states:SendTaskSuccess'),
        );
        expect(statements.map((statement) => statement.Resource)).toEqual(['*']);
        const failing = actionsOf(policy.PolicyDocument.Statement).includes('states:SendTaskFailure');
        expect(failing, id).toBe(id.startsWith('LifecycleRegisterWait'));
      }
    });

    it('generates a base64-compatible signing key', () => {
      dev.template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
      });
    });
  });

  describe('declared access', () => {
    const declared = (): { entry: string; access: FunctionAccess; fn: NodeFunction }[] => [
      ...ROUTES.map((route) => ({
        entry: route.entry,
        access: route.access,
        fn: dev.stack.api.functions.get(route.name)!,
      })),
      ...TASK_SUBSTITUTIONS.map((task) => ({
        entry: WORKFLOW_TASKS[task].entry,
        access: WORKFLOW_TASKS[task].access,
        fn: dev.stack.workflow.tasks[task],
      })),
      { entry: KPI_COUNTER.entry, access: KPI_COUNTER.access, fn: dev.stack.kpiCounter.handler },
      { entry: LIFECYCLE_STARTER.entry, access: LIFECYCLE_STARTER.access, fn: dev.stack.starter.handler },
      { entry: DAILY_SUMMARY.entry, access: DAILY_SUMMARY.access, fn: dev.stack.dailySummary.handler },
      {
        entry: LIFECYCLE_RECONCILER.entry,
        access: LIFECYCLE_RECONCILER.access,
        fn: dev.stack.reconciler.handler,
      },
      ...S3_EVENT_CONSUMERS.map((consumer) => ({
        entry: consumer.entry,
        access: consumer.access,
        fn: dev.stack.evidenceRecorders.find((fn) => fn.node.id === consumer.name)!,
      })),
    ];
    const variablesOf = (fn: { function: { node: { defaultChild?: unknown } } }) =>
      propertiesOf<FunctionProperties>(dev.template, 'AWS::Lambda::Function').find(
        ([id]) => id === logicalId(dev.stack, fn.function.node.defaultChild),
      )![1].Environment.Variables;

    it('matches the adapters each handler bundles, so no function lacks or exceeds a permission', () => {
      for (const { entry, access } of declared()) {
        expect({ entry, readsPolicy: bundles(entry, ACCESS_ADAPTERS.readsPolicy) }).toEqual({
          entry,
          readsPolicy: access.readsPolicy === true,
        });
        expect({ entry, sendsEmail: bundles(entry, ACCESS_ADAPTERS.sendsEmail) }).toEqual({
          entry,
          sendsEmail: access.sendsEmail === true,
        });
        expect({ entry, answers: bundles(entry, ACCESS_ADAPTERS.answersTaskTokens) }).toEqual({
          entry,
          answers: access.answersTaskTokens === true,
        });
        expect({ entry, starts: bundles(entry, ACCESS_ADAPTERS.startsLifecycles) }).toEqual({
          entry,
          starts: access.startsLifecycles === true,
        });
        expect({ entry, directory: bundles(entry, ACCESS_ADAPTERS.readsStaffDirectory) }).toEqual({
          entry,
          directory: access.readsStaffDirectory === true,
        });
        expect({ entry, checks: bundles(entry, ACCESS_ADAPTERS.checksLifecycles) }).toEqual({
          entry,
          checks: access.checksLifecycles === true,
        });
        expect({ entry, evidence: bundles(entry, ACCESS_ADAPTERS.evidence) }).toEqual({
          entry,
          evidence: access.evidence !== undefined,
        });
        const tracking = bundles(entry, ACCESS_ADAPTERS.links)
          ? 'links'
          : bundles(entry, ACCESS_ADAPTERS.customerTokens)
            ? 'sign'
            : undefined;
        expect({ entry, tracking }).toEqual({ entry, tracking: access.customerTokens });
        const usesTable = [
          'complaint-repository',
          'queue-repository',
          'kpi-store',
          'export-repository',
          'incident-repository',
          'reply-template-repository',
          'policy-version-repository',
          'corrective-action-repository',
          'access-log-repository',
        ].some((adapter) => bundles(entry, `functions/adapters/${adapter}.ts`));
        expect({ entry, usesTable }).toEqual({ entry, usesTable: access.table !== 'none' });
      }
    });

    it('turns each flag into its environment variables, and only those', () => {
      const FLAG_VARIABLES = [
        'POLICY_FILE',
        'SENDER_EMAIL',
        'TOKEN_SIGNING_SECRET_ARN',
        'PUBLIC_WEB_URL',
        'USER_POOL_ID',
        'EVIDENCE_BUCKET',
        'MALWARE_SCAN',
      ];
      for (const { entry, access, fn } of declared()) {
        const variables = variablesOf(fn);
        const expected: Record<string, unknown> = {};
        if (access.readsPolicy) expected.POLICY_FILE = BUNDLED_POLICY_FILE;
        if (access.sendsEmail) expected.SENDER_EMAIL = SENDER;
        if (access.customerTokens) expected.TOKEN_SIGNING_SECRET_ARN = variables.TOKEN_SIGNING_SECRET_ARN;
        if (access.customerTokens === 'links' || access.linksToConsole) {
          expected.PUBLIC_WEB_URL = dev.stack.resolve(dev.stack.web.url);
        }
        if (access.readsStaffDirectory) {
          expected.USER_POOL_ID = dev.stack.resolve(dev.stack.staff.userPool.userPoolId);
        }
        // Malware scanning is off by default: no MALWARE_SCAN.
        if (access.evidence || access.evidenceDeletion || access.dataExports)
          expected.EVIDENCE_BUCKET = dev.stack.resolve(dev.stack.evidence.bucketName);
        const actual = Object.fromEntries(
          Object.entries(variables).filter(([name]) => FLAG_VARIABLES.includes(name)),
        );
        expect({ entry, actual }).toEqual({ entry, actual: expected });
        if (access.customerTokens) {
          expect(variables.TOKEN_SIGNING_SECRET_ARN).toEqual({
            Ref: expect.stringMatching(/^TokenSigningKey/u) as unknown,
          });
        }
      }
    });

    it('is not vacuous: the known policy readers', () => {
      const readers = declared()
        .filter(({ access }) => access.readsPolicy)
        .map(({ fn }) => fn.node.id)
        .sort();
      expect(readers).toEqual([
        // The evidence types, sizes and counts are policy values.
        'AddCustomerAttachment',
        'AddStaffAttachment',
        'AdvanceLifecycle',
        'AnswerSurvey',
        // A data request's deadline is in working days of the business calendar.
        'AskForDataRequest',
        'AskForDataRequestFromTracking',
        'ChangePolicy',
        'ConfirmDataRequest',
        'CountKpis',
        'DecideDataRequest',
        'ExportComplaints',
        // The proof-of-work difficulty is a policy value.
        'GetChallenge',
        // Tracking-token expiry is a policy value.
        'GetComplaint',
        'GetCustomerAttachment',
        // Suggestions look back the policy's window; incident actions have its bounds.
        'GetIncidentSuggestions',
        'GetKpiReport',
        // The policy itself (the seed is version 1 while the table holds none).
        'GetPolicy',
        'GetPolicyVersion',
        // The case names the business calendar's time zone.
        'GetStaffAttachment',
        'GetStaffCase',
        'GetStaffDirectory',
        // Which corrective actions are overdue is a date in the calendar's time zone.
        'ListCorrectiveActions',
        // The time within which a complaint is to be recorded.
        'LogStaffComplaint',
        'NotifyEmergency',
        'PerformIncidentAction',
        'PerformStaffAction',
        'PostCustomerMessage',
        'RecordEvidenceUpload',
        // Mails a link only while it opens the complaint (tracking-token expiry).
        'RequestTrackingLink',
        'SendAcknowledgement',
        'SendDailySummary',
        // The limits on one party are policy values.
        'SubmitComplaint',
        'Triage',
      ]);
      expect(variablesOf(dev.stack.starter.handler).POLICY_FILE).toBeUndefined();
    });
  });

  describe('complaint policy', () => {
    it('copies the policy into the bundle, next to the handler', () => {
      const hooks = copyIntoBundle(fromRepoRoot(DEFAULT_POLICY_FILE));
      expect(hooks.beforeBundling('/asset-input', '/asset-output')).toEqual([]);
      expect(hooks.beforeInstall('/asset-input', '/asset-output')).toEqual([]);
      expect(hooks.afterBundling('/asset-input', '/asset-output')).toEqual([
        `cp '/asset-input/${DEFAULT_POLICY_FILE}' '/asset-output/policy.json'`,
      ]);
      expect(copyIntoBundle("/elsewhere/it's.json").afterBundling('/in', '/out dir')).toEqual([
        `cp '/elsewhere/it'\\''s.json' '/out dir/policy.json'`,
      ]);
      expect(path.posix.basename(BUNDLED_POLICY_FILE)).toBe('policy.json');
    });

    describe('refuses to build with an invalid policy file', () => {
      let dir: string;
      beforeAll(() => {
        dir = mkdtempSync(path.join(tmpdir(), 'complaint-policy-'));
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));

      const policy = (): Record<string, unknown> =>
        JSON.parse(readFileSync(fromRepoRoot(DEFAULT_POLICY_FILE), 'utf8')) as Record<string, unknown>;
      const write = (name: string, content: string): string => {
        const file = path.join(dir, name);
        writeFileSync(file, content);
        return file;
      };

      it('names the file and each bad path of a policy that fails validation', () => {
        const file = write(
          'invalid.json',
          JSON.stringify({ ...policy(), version: 2, escalation: undefined }),
        );
        const build = () => buildStack('dev', { policyFile: file });
        expect(build).toThrow(`Complaint policy file ${file}: Invalid complaint policy:`);
        expect(build).toThrow(/^\s+version: /mu);
        expect(build).toThrow(/^\s+escalation: /mu);
      });

      it('rejects a file that is not JSON', () => {
        const file = write('broken.json', '{ "version": 1,');
        expect(() => buildStack('dev', { policyFile: file })).toThrow(/is not valid JSON/u);
      });

      it('rejects a missing file', () => {
        expect(() => buildStack('dev', { policyFile: path.join(dir, 'missing.json') })).toThrow(
          /Cannot read the complaint policy file/u,
        );
      });

      it('accepts a valid copy outside the repository', () => {
        const file = write('valid.json', JSON.stringify(policy()));
        expect(() => buildStack('dev', { policyFile: file })).not.toThrow();
      });
    });

    it('ships the policy in its validated form, defaults filled in, named by its content', () => {
      const loaded = loadPolicyFile(DEFAULT_POLICY_FILE);
      const shipped = JSON.parse(readFileSync(loaded.path, 'utf8')) as unknown;

      expect(loaded.source).toBe(fromRepoRoot(DEFAULT_POLICY_FILE));
      expect(shipped).toEqual({ validatedPolicy: JSON.parse(JSON.stringify(loaded.policy)) as unknown });
      expect(loaded.policy.followUp.surveyDelay).toBeDefined();
      // Under the repository, so that a bundling container sees it; the same policy, the same file.
      expect(path.relative(fromRepoRoot('.'), loaded.path).startsWith('..')).toBe(false);
      expect(loadPolicyFile(DEFAULT_POLICY_FILE).path).toBe(loaded.path);
    });
  });

  describe('HTTP API', () => {
    it('has a route for every ROUTES entry, integrated with that route’s function', () => {
      const routes = propertiesOf<{ RouteKey: string; Target: { 'Fn::Join': [string, unknown[]] } }>(
        dev.template,
        'AWS::ApiGatewayV2::Route',
      );
      expect(routes.map(([, route]) => route.RouteKey).sort()).toEqual(
        ROUTES.map((route) => `${route.method} ${route.path}`).sort(),
      );
      const integrations = new Map(
        propertiesOf<{ IntegrationUri: { 'Fn::GetAtt': [string, string] } }>(
          dev.template,
          'AWS::ApiGatewayV2::Integration',
        ),
      );
      for (const route of ROUTES) {
        const [, apiRoute] = routes.find(([, r]) => r.RouteKey === `${route.method} ${route.path}`)!;
        const integrationId = (apiRoute.Target['Fn::Join'][1][1] as { Ref: string }).Ref;
        const handler = dev.stack.api.functions.get(route.name)!.function;
        expect(integrations.get(integrationId)?.IntegrationUri['Fn::GetAtt'][0]).toBe(
          logicalId(dev.stack, handler.node.defaultChild),
        );
      }
    });

    it('authorizes exactly the staff routes with the JWT authorizer', () => {
      const authorizerId = Object.keys(dev.template.findResources('AWS::ApiGatewayV2::Authorizer'))[0];
      const routes = new Map(
        propertiesOf<{ RouteKey: string; AuthorizationType: string; AuthorizerId?: unknown }>(
          dev.template,
          'AWS::ApiGatewayV2::Route',
        ).map(([, route]) => [route.RouteKey, route]),
      );
      for (const route of ROUTES) {
        const apiRoute = routes.get(`${route.method} ${route.path}`)!;
        expect({ route: route.name, type: apiRoute.AuthorizationType, id: apiRoute.AuthorizerId }).toEqual(
          isStaffRoute(route)
            ? { route: route.name, type: 'JWT', id: { Ref: authorizerId } }
            : { route: route.name, type: 'NONE', id: undefined },
        );
      }
    });

    it('acknowledges the missing authorization of public routes only', () => {
      const acknowledged = (rule: string) =>
        dev.stack.api.api.node
          .findAll()
          .filter((construct): construct is CfnRoute => construct instanceof CfnRoute)
          .filter((route) =>
            route.node.metadata.some(
              (entry) =>
                entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY &&
                // Recorded under a qualified id (plugin namespace first).
                Object.keys(entry.data as Record<string, string>).some((id) => id.endsWith(rule)),
            ),
          )
          .map((route) => route.routeKey)
          .sort();
      const keyOf = (route: (typeof ROUTES)[number]) => `${route.method} ${route.path}`;
      expect(acknowledged('AwsSolutions-APIG4')).toEqual(
        ROUTES.filter((route) => !isStaffRoute(route))
          .map(keyOf)
          .sort(),
      );
      expect(acknowledged('AwsSolutions-COG4')).toEqual([]);
    });

    it('gives each route the table access it declares, and GET routes no write access', () => {
      for (const route of ROUTES) {
        const role = dev.stack.api.functions.get(route.name)!.function.role!;
        const actions = actionsOf(
          statementsOfRole(dev.template, logicalId(dev.stack, role.node.defaultChild)),
        );
        // A GET writes nothing, except the record of a read of personal data (domain/access-log.ts).
        if (route.method === 'GET' && !RECORDED_READS.includes(route.name))
          expect(route.access.table).not.toBe('readWrite');
        if (RECORDED_READS.includes(route.name))
          expect(bundles(route.entry, 'functions/adapters/access-log-repository.ts'), route.name).toBe(true);
        expect({ route: route.name, reads: actions.includes('dynamodb:GetItem') }).toEqual({
          route: route.name,
          // A policy reader reads the active policy version (GetItem on its partition only: least-privilege).
          reads: route.access.table !== 'none' || route.access.readsPolicy === true,
        });
        expect({ route: route.name, writes: actions.includes('dynamodb:PutItem') }).toEqual({
          route: route.name,
          writes: route.access.table === 'readWrite',
        });
      }
    });

    it('has a throttled default stage with access logs', () => {
      dev.template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
      dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpAccessLogs'), 'Arn'] },
          Format: Match.stringLikeRegexp('\\$context\\.requestId'),
        },
      });
    });

    it('throttles intake and its challenge per route, sized to 1 M complaints a day', () => {
      const stage = Object.values(dev.template.findResources('AWS::ApiGatewayV2::Stage'))[0] as {
        Properties: { RouteSettings: Record<string, unknown> };
        DependsOn?: string[];
      };
      // ≥ 300 requests/s and a burst of ≥ 1,000 for intake (the modelled peak is ≈ 116/s).
      expect(stage.Properties.RouteSettings).toEqual({
        'POST /v1/complaints': { ThrottlingRateLimit: 300, ThrottlingBurstLimit: 1000 },
        'GET /v1/challenge': { ThrottlingRateLimit: 300, ThrottlingBurstLimit: 1000 },
      });
      // Route settings may only name routes that exist: the stage waits for them.
      const routeKeys = Object.entries(dev.template.findResources('AWS::ApiGatewayV2::Route'))
        .filter(([id]) => stage.DependsOn?.includes(id))
        .map(([, route]) => (route as { Properties: { RouteKey: string } }).Properties.RouteKey);
      expect(routeKeys.sort()).toEqual(['GET /v1/challenge', 'POST /v1/complaints']);
      for (const key of Object.keys(ROUTE_THROTTLES))
        expect(ROUTES.some((route) => `${route.method} ${route.path}` === key)).toBe(true);
    });

    it('reserves enough concurrency for intake at its throttle', () => {
      const intake = Object.values(dev.template.findResources('AWS::Lambda::Function')).find((fn) =>
        String((fn as { Properties: { Description?: string } }).Properties.Description).startsWith(
          'POST /v1/complaints:',
        ),
      ) as { Properties: { ReservedConcurrentExecutions?: number } };
      expect(intake.Properties.ReservedConcurrentExecutions).toBe(ROUTE_CONCURRENCY['POST /v1/complaints']);
      expect(ROUTE_CONCURRENCY['POST /v1/complaints']).toBeGreaterThanOrEqual(75);
    });

    it('allows no cross-origin calls by default: the pages call the API on their own origin', () => {
      dev.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.absent(),
      });
    });

    it('allows the preflight requests of the origins it is given', () => {
      const stack = buildStack('dev', { allowedOrigins: ['https://complaints.example.com'] });
      Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: {
          AllowOrigins: ['https://complaints.example.com'],
          AllowMethods: Match.arrayWith(['GET', 'POST']),
          AllowHeaders: Match.arrayWith([
            'content-type',
            'idempotency-key',
            'proof-of-work',
            'x-tracking-token',
            'authorization',
          ]),
          // The console follows the CSV export's next-page link across origins.
          ExposeHeaders: Match.arrayWith(['link']),
        },
      });
    });
  });

  describe('web hosting', () => {
    it('keeps the site bucket private, encrypted and TLS-only', () => {
      dev.template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: Match.objectLike({}),
      });
      const siteBucket = logicalId(dev.stack, dev.stack.web.bucket.node.defaultChild);
      const [, policy] = propertiesOf<{ Bucket: unknown; PolicyDocument: { Statement: Json[] } }>(
        dev.template,
        'AWS::S3::BucketPolicy',
      ).find(([, properties]) => JSON.stringify(properties.Bucket) === JSON.stringify({ Ref: siteBucket }))!;
      const statements = policy.PolicyDocument.Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      // Only this distribution may read, through origin access control (no public access, no OAI).
      const reads = statements.filter((statement) => statement.Effect === 'Allow');
      expect(reads).toEqual([
        expect.objectContaining({
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() as unknown } },
        }),
      ]);
    });

    it('serves the pages over HTTPS through CloudFront with origin access control', () => {
      dev.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: 'index.html',
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
          Origins: Match.arrayWith([
            Match.objectLike({
              OriginAccessControlId: Match.anyValue(),
              S3OriginConfig: { OriginAccessIdentity: '' },
            }),
          ]),
        }),
      });
    });

    it('deploys the build with a config.json naming the API and the hosted UI, then invalidates', () => {
      const [[, deployment]] = propertiesOf<Json>(dev.template, 'Custom::CDKBucketDeployment') as [
        [string, Json],
      ];
      expect(deployment.DistributionPaths).toEqual(['/*']);
      expect(deployment.Prune).toBe(true);
      // Source.jsonData puts each deploy-time value into a marker that the provider substitutes.
      const markers = JSON.stringify(deployment.SourceMarkers);
      // The API is on the pages' own origin (CloudFront serves /v1/*).
      expect(markers).toContain(
        JSON.stringify(dev.stack.resolve(dev.stack.web.distribution.distributionDomainName)),
      );
      expect(markers).not.toContain(JSON.stringify(dev.stack.resolve(dev.stack.api.api.apiId)));
      expect(markers).toContain(JSON.stringify(dev.stack.resolve(dev.stack.staff.client.userPoolClientId)));
      dev.template.hasOutput('WebUrl', {});
      dev.template.hasOutput('ConsoleUrl', {});
    });

    it('links emails to the web pages and lets the hosted UI return to the deployed console', () => {
      const ack = dev.stack.workflow.tasks.SendAcknowledgementFunctionArn.function;
      const [, properties] = propertiesOf<FunctionProperties>(dev.template, 'AWS::Lambda::Function').find(
        ([id]) => id === logicalId(dev.stack, ack.node.defaultChild),
      )!;
      expect(properties.Environment.Variables.PUBLIC_WEB_URL).toEqual(dev.stack.resolve(dev.stack.web.url));
      expect(JSON.stringify(properties.Environment.Variables.PUBLIC_WEB_URL)).toContain('DomainName');
    });
  });

  describe('staff identity', () => {
    const userPoolId = () => logicalId(dev.stack, dev.stack.staff.userPool.node.defaultChild);
    const clientId = () => logicalId(dev.stack, dev.stack.staff.client.node.defaultChild);

    it('has an admin-managed user pool with email sign-in, a strong password policy and required TOTP', () => {
      dev.template.resourceCountIs('AWS::Cognito::UserPool', 1);
      dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 14,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'department', AttributeDataType: 'String', Mutable: true }),
        ]),
      });
    });

    it('has one group per staff role', () => {
      const groups = propertiesOf<{ GroupName: string; UserPoolId: unknown }>(
        dev.template,
        'AWS::Cognito::UserPoolGroup',
      );
      expect(groups.map(([, group]) => group.GroupName).sort()).toEqual([...STAFF_ROLES].sort());
      for (const [, group] of groups) expect(group.UserPoolId).toEqual({ Ref: userPoolId() });
    });

    it('has a console app client without secret: SRP and the authorization code flow', () => {
      dev.template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
      dev.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        CallbackURLs: ['http://localhost:3000/console/', consoleUrlOf(dev.stack)],
        SupportedIdentityProviders: ['COGNITO'],
      });
    });

    it('does not let staff change their own department', () => {
      const [[, client]] = propertiesOf<{ WriteAttributes?: string[] }>(
        dev.template,
        'AWS::Cognito::UserPoolClient',
      ) as [[string, { WriteAttributes?: string[] }]];
      // Without WriteAttributes every attribute would be writable with the user's own access token.
      expect(client.WriteAttributes).toBeDefined();
      expect(client.WriteAttributes).not.toContain('custom:department');
    });

    it('takes console URLs and the hosted UI domain prefix from its props', () => {
      dev.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        Domain: { 'Fn::Join': ['', ['complaints-dev-', { Ref: 'AWS::AccountId' }]] },
      });
      const template = Template.fromStack(
        buildStack('test', {
          consoleUrls: ['https://console.example.com/'],
          cognitoDomainPrefix: 'acme-complaints',
        }),
      );
      template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-complaints' });
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        CallbackURLs: ['https://console.example.com/', Match.anyValue()],
        LogoutURLs: ['https://console.example.com/', Match.anyValue()],
      });
    });

    it('is protected and retained outside dev, disposable in dev', () => {
      prod.template.hasResource('AWS::Cognito::UserPool', {
        Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
        DeletionPolicy: 'Retain',
      });
      dev.template.hasResource('AWS::Cognito::UserPool', {
        Properties: Match.objectLike({ DeletionProtection: 'INACTIVE' }),
        DeletionPolicy: 'Delete',
      });
    });

    it('has a JWT authorizer trusting the pool’s tokens issued to the console client', () => {
      dev.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
      dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: clientId() }],
          Issuer: {
            'Fn::Join': [
              '',
              ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: userPoolId() }],
            ],
          },
        },
      });
    });

    it('outputs the user pool, its client and the hosted UI domain', () => {
      dev.template.hasOutput('UserPoolId', { Value: { Ref: userPoolId() } });
      dev.template.hasOutput('UserPoolClientId', { Value: { Ref: clientId() } });
      dev.template.hasOutput('CognitoDomain', {
        Value: { 'Fn::Join': ['', Match.arrayWith(['https://', '.amazoncognito.com'])] },
      });
    });
  });

  describe('lifecycle state machine', () => {
    interface StateMachineProperties {
      StateMachineType: string;
      DefinitionString: string;
      DefinitionSubstitutions: Record<string, { 'Fn::GetAtt': [string, string] }>;
      LoggingConfiguration: { Level: string; IncludeExecutionData: boolean };
      TracingConfiguration: { Enabled: boolean };
    }
    const stateMachine = (): StateMachineProperties => {
      const machines = propertiesOf<StateMachineProperties>(dev.template, 'AWS::StepFunctions::StateMachine');
      expect(machines).toHaveLength(1);
      return machines[0]![1];
    };

    it('is a Standard state machine with full logging (no execution data) and tracing', () => {
      const machine = stateMachine();
      expect(machine.StateMachineType).toBe('STANDARD');
      expect(machine.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
      expect(machine.TracingConfiguration).toEqual({ Enabled: true });
    });

    it('substitutes every placeholder of the definition with a task function ARN', () => {
      const machine = stateMachine();
      const placeholders = new Set(
        Array.from(machine.DefinitionString.matchAll(/\$\{(\w+)\}/gu), (m) => m[1]),
      );
      expect([...placeholders].sort()).toEqual([...TASK_SUBSTITUTIONS].sort());
      expect(Object.keys(machine.DefinitionSubstitutions).sort()).toEqual([...TASK_SUBSTITUTIONS].sort());

      const functionIds = Object.keys(dev.template.findResources('AWS::Lambda::Function'));
      let resolved = machine.DefinitionString;
      for (const [name, value] of Object.entries(machine.DefinitionSubstitutions)) {
        expect(value['Fn::GetAtt'][1]).toBe('Arn');
        expect(functionIds).toContain(value['Fn::GetAtt'][0]);
        resolved = resolved.replaceAll(
          `\${${name}}`,
          `arn:aws:lambda:eu-west-1:123456789012:function:${name}`,
        );
      }
      expect(resolved).not.toContain('${');
      expect(() => JSON.parse(resolved) as unknown).not.toThrow();
    });

    it('waits for a task token through RegisterWait, timing out at the planned time', () => {
      interface TaskState {
        Type: string;
        Resource?: string;
        Arguments?: { FunctionName?: string; Payload?: Record<string, unknown> };
        TimeoutSeconds?: string;
      }
      const definition = JSON.parse(stateMachine().DefinitionString) as { States: Record<string, TaskState> };
      const callbacks = Object.values(definition.States).filter(
        (state) => state.Resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      );
      expect(callbacks.length).toBeGreaterThan(0);
      for (const state of callbacks) {
        expect(state.Arguments?.FunctionName).toBe('${RegisterWaitFunctionArn}');
        expect(state.Arguments?.Payload).toMatchObject({ taskToken: '{% $states.context.Task.Token %}' });
        expect(state.TimeoutSeconds).toEqual(expect.stringMatching(/^\{% .+ %\}$/u));
      }
    });

    it('may invoke exactly the task functions, RegisterWait (named in Parameters) included', () => {
      const role = dev.stack.workflow.stateMachine.role;
      const statements = statementsOfRole(dev.template, logicalId(dev.stack, role.node.defaultChild));
      const invoke = statements.filter((statement) =>
        actionsOf([statement]).includes('lambda:InvokeFunction'),
      );
      expect(invoke).toHaveLength(1);
      const arnOf = (name: TaskSubstitution) => ({
        'Fn::GetAtt': [
          logicalId(dev.stack, dev.stack.workflow.tasks[name].function.node.defaultChild),
          'Arn',
        ],
      });
      expect(resourcesOf(invoke[0]!)).toHaveLength(TASK_SUBSTITUTIONS.length);
      expect(resourcesOf(invoke[0]!)).toEqual(expect.arrayContaining(TASK_SUBSTITUTIONS.map(arnOf)));
      expect(resourcesOf(invoke[0]!)).toContainEqual(arnOf('RegisterWaitFunctionArn'));
    });
  });

  describe('stream consumer', () => {
    it('receives only complaint inserts, reports item failures and has an encrypted DLQ', () => {
      // the lifecycle starter, the KPI counter and the data-request consumer
      dev.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
      const handlerId = logicalId(dev.stack, dev.stack.starter.handler.function.node.defaultChild);
      const queueId = logicalId(dev.stack, dev.stack.starter.deadLetterQueue.node.defaultChild);
      dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: handlerId },
        EventSourceArn: { 'Fn::GetAtt': [Match.anyValue(), 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { Keys: { [TABLE_SCHEMA.sortKey]: { S: [COMPLAINT_SORT_KEY] } } },
              }),
            },
          ],
        },
      });
      dev.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
      dev.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('starts executions of the lifecycle state machine', () => {
      const fn = dev.stack.starter.handler.function;
      expect(dev.stack.starter.handler.node.id).toBe(LIFECYCLE_STARTER.name);
      dev.template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            STATE_MACHINE_ARN: {
              Ref: logicalId(dev.stack, dev.stack.workflow.stateMachine.node.defaultChild),
            },
          }),
        },
      });
      const statements = statementsOfRole(dev.template, logicalId(dev.stack, fn.role!.node.defaultChild));
      expect(actionsOf(statements)).toContain('states:StartExecution');
    });
  });

  it('sets a retention on every log group', () => {
    const groups = propertiesOf<{ RetentionInDays?: number }>(dev.template, 'AWS::Logs::LogGroup');
    // the functions' one group, the API access log, the state machine log and the web deployment's
    // log; a year, as Control Tower requires
    expect(groups).toHaveLength(4);
    for (const [id, group] of groups) expect(group.RetentionInDays, id).toBe(365);
    const functionGroups = new Set(
      propertiesOf<{ LoggingConfig?: { LogGroup?: { Ref: string } } }>(dev.template, 'AWS::Lambda::Function')
        .filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'))
        .map(([, fn]) => fn.LoggingConfig?.LogGroup?.Ref),
    );
    expect([...functionGroups]).toHaveLength(1);
    expect(groups.map(([id]) => id)).toContain([...functionGroups][0]);
  });

  it('outputs the API URL, table name and state machine ARN', () => {
    for (const name of ['ApiUrl', 'TableName', 'StateMachineArn']) dev.template.hasOutput(name, {});
  });

  describe('cdk-nag AwsSolutions', () => {
    const violations = (stack: Stack) =>
      new AwsSolutionsChecks(undefined, { verbose: true })
        .validateScope(stack)
        .violations.map((violation) => ({
          rule: violation.ruleName,
          severity: violation.severity,
          resources: violation.violatingResources.map((resource) => resource.constructPath),
        }));

    it.each(['dev', 'prod'])('reports no unacknowledged error or warning (%s)', (stage) => {
      expect(violations(stage === 'dev' ? dev.stack : prod.stack)).toEqual([]);
    });

    it('reports none either when the account and region are known (cdk deploy with an environment)', () => {
      const stack = buildStack('dev', { env: { account: '123456789012', region: 'cn-north-1' } });
      expect(violations(stack)).toEqual([]);
    });

    it('leaves no CDK error or warning annotation either', () => {
      const annotations = Annotations.fromStack(dev.stack);
      expect(annotations.findError('*', Match.anyValue())).toEqual([]);
      expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    });

    it('gives every acknowledgement a specific reason', () => {
      const acknowledgements = dev.stack.node
        .findAll()
        .flatMap((construct) => construct.node.metadata)
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
      expect(acknowledgements.length).toBeGreaterThan(0);
      for (const [rule, reason] of acknowledgements) expect(reason.length, rule).toBeGreaterThan(80);
    });

    it('does catch a violation (the check is not vacuous)', () => {
      const stack = buildStack('dev');
      new Queue(stack, 'UnencryptedQueueWithoutDlq', { enforceSSL: false });
      expect(violations(stack).map((violation) => violation.rule)).toEqual(
        expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
      );
    });
  });
});
