import { Aws, CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/routes.ts';
import { ComplaintTable } from './constructs/complaint-table.ts';
import { ComplaintsHttpApi } from './constructs/http-api.ts';
import type { AccessResources } from './constructs/function-access.ts';
import { DailySummary } from './constructs/daily-summary.ts';
import { EvidenceStore } from './constructs/evidence-store.ts';
import { KpiCounter } from './constructs/kpi-counter.ts';
import { DataRequestConsumer } from './constructs/data-request-consumer.ts';
import { LifecycleReconciler } from './constructs/lifecycle-reconciler.ts';
import { RetentionJob } from './constructs/retention-job.ts';
import { LifecycleStarter } from './constructs/lifecycle-starter.ts';
import { LifecycleWorkflow } from './constructs/lifecycle-workflow.ts';
import { LogEncryption } from './constructs/log-encryption.ts';
import { InboundMail } from './constructs/inbound-mail.ts';
import { Mail } from './constructs/mail.ts';
import type { NodeFunction } from './constructs/node-function.ts';
import { OperationsAlarms } from './constructs/operations-alarms.ts';
import { OperationsDashboard } from './constructs/operations-dashboard.ts';
import { StaffIdentity } from './constructs/staff-identity.ts';
import { WebHosting } from './constructs/web-hosting.ts';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from './policy-file.ts';
import { fromRepoRoot } from './repo-root.ts';
import { ROUTE_CONCURRENCY, ROUTE_THROTTLES, STAGE_THROTTLE } from './api-throttles.ts';

export interface ComplaintsStackProps extends StackProps {
  /** `dev` stacks are disposable; every other stage keeps its data when the stack goes away. */
  stage: string;
  /** The address customer emails come from; an SES identity is created (and must be verified) for it. */
  senderEmail: string;
  /**
   * The domain to send from, verified as an SES domain identity with Easy DKIM and a custom MAIL FROM;
   * senderEmail must be one of its addresses. Without it, only senderEmail is verified.
   */
  senderDomain?: string;
  /** The custom MAIL FROM domain. @default `mail.<senderDomain>` */
  mailFromDomain?: string;
  /**
   * The domain SES receives customer mail for (complaints@ files a complaint, reply+<token>@ reaches one):
   * a receipt rule set, the raw-mail bucket and ReceiveMail, and a reply address on every customer mail.
   * Without it nothing is received and the mails do not invite replies.
   */
  inboundDomain?: string;
  /**
   * Further origins allowed to call the API cross-origin (CORS). The deployed pages are served from the
   * API's own origin (CloudFront: pages and /v1/*), so by default the API allows only that origin, and
   * a browser on any other origin is refused. @default []
   */
  allowedOrigins?: string[];
  /** ARN of the CLOUDFRONT-scope WAF web ACL (us-east-1) in front of the pages and the API. */
  webAclArn?: string;
  /** Reserved concurrency of each public route's function. @default 10 */
  publicConcurrency?: number;
  /** Email subscribed to the alarm topic. */
  alarmEmail?: string;
  /** A monthly AWS Budgets cost alert at this many USD, to the alarm topic. */
  budgetUsd?: number;
  /** Static threshold of the "SLA breaches above normal" alarm (per hour); default: anomaly detection. */
  slaBreachesPerHour?: number;
  /**
   * The complaint policy JSON (absolute, or relative to the repository root). It is validated here, so
   * an invalid policy fails synthesis, and shipped inside the bundle of every function that reads it.
   * @default DEFAULT_POLICY_FILE (policy/complaint-policy.json)
   */
  policyFile?: string;
  /**
   * Further staff console URLs the hosted UI may redirect to; the deployed console's URL is always
   * allowed. @default ['http://localhost:3000/console/']
   */
  consoleUrls?: string[];
  /**
   * Prefix of the hosted UI domain, unique in the region across all AWS accounts.
   * @default `complaints-<stage>-<account id>`
   */
  cognitoDomainPrefix?: string;
  /** The built web app (`npm run build:web`). @default web/dist */
  webAssetDirectory?: string;
  /**
   * GuardDuty Malware Protection for the evidence bucket (`-c malwareScan=true`): every uploaded file is
   * scanned and only files tagged clean are handed out. @default false
   */
  malwareScan?: boolean;
}

/**
 * The whole application: table, HTTP API, lifecycle state machine and the stream that links them,
 * and the staff user pool that guards the staff routes.
 */
export class ComplaintsStack extends Stack {
  readonly table: ComplaintTable;
  readonly api: ComplaintsHttpApi;
  readonly staff: StaffIdentity;
  readonly web: WebHosting;
  readonly workflow: LifecycleWorkflow;
  readonly starter: LifecycleStarter;
  readonly reconciler: LifecycleReconciler;
  readonly retention: RetentionJob;
  readonly kpiCounter: KpiCounter;
  readonly dataRequestConsumer: DataRequestConsumer;
  readonly dailySummary: DailySummary;
  readonly mail: Mail;
  readonly mailEventRecorder: NodeFunction;
  /** SES receiving, with -c inboundDomain= only. */
  readonly inboundMail?: InboundMail;
  readonly evidence: EvidenceStore;
  readonly evidenceRecorders: NodeFunction[];
  /** Upload events the recorders still failed on after Lambda's asynchronous retries. */
  readonly evidenceDeadLetterQueue: Queue;
  readonly alarms: OperationsAlarms;
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: ComplaintsStackProps) {
    // CloudFormation takes templates up to 1 MB; indentation alone is ~10 % of this one.
    super(scope, id, { suppressTemplateIndentation: true, ...props });

    Validations.of(this).acknowledge({
      id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
      reason:
        'No function reaches a private resource: DynamoDB, SES, Step Functions, Secrets Manager and S3 are ' +
        'called on their public endpoints over TLS with IAM-signed requests. A VPC would add NAT gateways or ' +
        'five interface endpoints per AZ (a fixed monthly cost larger than the whole serverless bill at ' +
        'expected volume) and cold-start latency, and would protect nothing.',
    });

    const policyFile = loadPolicyFile(props.policyFile ?? DEFAULT_POLICY_FILE);
    const disposable = props.stage === 'dev';
    const removalPolicy = disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    new LogEncryption(this, 'LogEncryption');

    this.table = new ComplaintTable(this, 'Complaints', { retain: !disposable });
    const { table } = this.table;

    const tokenSigningSecret = new Secret(this, 'TokenSigningKey', {
      description: 'Base64 key that signs the tracking tokens in links sent to complainants',
      // 64 alphanumeric characters are valid base64 for 48 bytes.
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    Validations.of(tokenSigningSecret.node.defaultChild ?? tokenSigningSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Tracking tokens are HMACs under this key and sit in links already emailed to complainants, so an ' +
        'automatic rotation would break every outstanding link. The key is rotated by hand only if it may ' +
        'have leaked (put a new value; the functions pick it up within five minutes), accepting that old links stop working.',
    });

    this.mail = new Mail(this, 'Mail', {
      senderEmail: props.senderEmail,
      senderDomain: props.senderDomain,
      mailFromDomain: props.mailFromDomain,
      removalPolicy,
    });

    // CloudFront sends it to the API with every request; the functions refuse requests without it.
    const originSecret = new Secret(this, 'OriginVerifySecret', {
      description: 'Header value by which the API functions recognise requests that came through CloudFront',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    Validations.of(originSecret.node.defaultChild ?? originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront and the functions read this value at deploy time (dynamic references), so a rotation ' +
        'takes a redeployment; it guards only the route around the WAF (no data), and is rotated by putting a ' +
        'new value and deploying.',
    });

    // Unique across S3: stage, account and region (at most 57 characters of the 63 allowed).
    const evidenceBucketName = `evidence-${props.stage}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.web = new WebHosting(this, 'Web', {
      // Browsers post evidence to the bucket's regional endpoint and show previews from it.
      evidenceOrigin: `https://${evidenceBucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`,
      assetDirectory: props.webAssetDirectory ?? fromRepoRoot('web/dist'),
      removalPolicy,
      deleteFilesWithStack: disposable,
      webAclArn: props.webAclArn,
    });

    this.staff = new StaffIdentity(this, 'Staff', {
      consoleUrls: [...(props.consoleUrls ?? ['http://localhost:3000/console/']), `${this.web.url}/console/`],
      // The account id makes the default unique without asking; Cognito accepts it as a token.
      domainPrefix: props.cognitoDomainPrefix ?? `complaints-${props.stage}-${Aws.ACCOUNT_ID}`,
      removalPolicy,
      deletionProtection: !disposable,
    });

    this.evidence = new EvidenceStore(this, 'Evidence', {
      bucketName: evidenceBucketName,
      // The pages are served from the web origin; other allowed origins (local consoles) may upload too.
      allowedOrigins: [this.web.url, ...(props.allowedOrigins ?? [])],
      accessLogs: this.web.accessLogs,
      removalPolicy,
      malwareScan: props.malwareScan ?? false,
    });

    // What every function may be given access to; each takes what its declared access needs.
    const resources: AccessResources = {
      evidenceBucket: {
        name: this.evidence.bucketName,
        objectsArn: this.evidence.objectsArn,
        exportsArn: this.evidence.exportsArn,
      },
      malwareScan: props.malwareScan ?? false,
      table,
      tokenSigningSecret,
      senderIdentity: this.mail.identity,
      senderEmail: props.senderEmail,
      configurationSetName: this.mail.configurationSet.configurationSetName,
      publicWebUrl: this.web.url,
      policyFile: policyFile.path,
      staffUserPool: this.staff.userPool,
      ...(props.inboundDomain ? { inboundDomain: props.inboundDomain } : {}),
    };

    this.api = new ComplaintsHttpApi(this, 'Http', {
      routes: ROUTES,
      staffAuthorizer: this.staff.authorizer,
      resources,
      allowedOrigins: props.allowedOrigins ?? [],
      throttle: STAGE_THROTTLE,
      routeThrottles: ROUTE_THROTTLES,
      routeConcurrency: ROUTE_CONCURRENCY,
      publicConcurrency: props.publicConcurrency ?? 10,
      originSecret,
      removalPolicy,
    });
    this.web.addApi({ domainName: this.api.domainName, originSecret });

    this.workflow = new LifecycleWorkflow(this, 'Lifecycle', { ...resources, removalPolicy });

    this.starter = new LifecycleStarter(this, 'LifecycleStarter', {
      ...resources,
      stateMachine: this.workflow.stateMachine,
      removalPolicy,
    });

    this.reconciler = new LifecycleReconciler(this, 'LifecycleReconciler', {
      ...resources,
      stateMachine: this.workflow.stateMachine,
      removalPolicy,
    });

    this.retention = new RetentionJob(this, 'Retention', { ...resources, removalPolicy });

    this.kpiCounter = new KpiCounter(this, 'KpiCounter', { ...resources, removalPolicy });
    this.dataRequestConsumer = new DataRequestConsumer(this, 'DataRequests', { ...resources, removalPolicy });
    this.dailySummary = new DailySummary(this, 'DailySummary', {
      ...resources,
      timeZone: policyFile.policy.calendar.timeZone,
      removalPolicy,
    });

    this.mailEventRecorder = this.mail.addRecorder(resources);
    const evidenceConsumers = this.evidence.addConsumers(resources, removalPolicy);
    this.evidenceRecorders = evidenceConsumers.functions;
    this.evidenceDeadLetterQueue = evidenceConsumers.queue;

    if (props.inboundDomain) {
      this.inboundMail = new InboundMail(this, 'InboundMail', {
        domain: props.inboundDomain,
        stage: props.stage,
        resources,
        // Mailed attachments go where uploads go; the evidence recorder records both.
        evidenceBucket: this.evidence.bucket,
        accessLogs: this.web.accessLogs,
        removalPolicy,
      });
    }

    // Their table grants include the table's indexes.
    for (const fn of [
      ...this.api.functions.values(),
      ...Object.values(this.workflow.tasks),
      this.kpiCounter.handler,
      this.dataRequestConsumer.handler,
      this.dailySummary.handler,
      this.reconciler.handler,
      this.retention.handler,
      this.mailEventRecorder,
      ...(this.inboundMail ? [this.inboundMail.receiver] : []),
      ...this.evidenceRecorders,
    ]) {
      this.table.acknowledgeIndexGrants(fn.role);
    }

    const functions = new Map<string, NodeFunction>([
      ...this.api.functions,
      ...Object.values(this.workflow.tasks).map((fn): [string, NodeFunction] => [fn.node.id, fn]),
      [this.starter.handler.node.id, this.starter.handler],
      [this.kpiCounter.handler.node.id, this.kpiCounter.handler],
      [this.dataRequestConsumer.handler.node.id, this.dataRequestConsumer.handler],
      [this.dailySummary.handler.node.id, this.dailySummary.handler],
      [this.reconciler.handler.node.id, this.reconciler.handler],
      [this.retention.handler.node.id, this.retention.handler],
      [this.mailEventRecorder.node.id, this.mailEventRecorder],
      ...(this.inboundMail
        ? [[this.inboundMail.receiver.node.id, this.inboundMail.receiver] as [string, NodeFunction]]
        : []),
      ...this.evidenceRecorders.map((fn): [string, NodeFunction] => [fn.node.id, fn]),
    ]);
    const operated = {
      httpApi: this.api.api,
      stateMachine: this.workflow.stateMachine,
      functions: new Map([...functions].map(([name, fn]) => [name, fn.function])),
      streamConsumers: new Map(
        [this.starter.handler, this.kpiCounter.handler, this.dataRequestConsumer.handler].map((fn) => [
          fn.node.id,
          fn.function,
        ]),
      ),
      deadLetterQueues: new Map([
        ['LifecycleStarter', this.starter.deadLetterQueue],
        ['KpiCounter', this.kpiCounter.deadLetterQueue],
        ['DataRequests', this.dataRequestConsumer.deadLetterQueue],
        ['MailEvents', this.mail.deadLetterQueue],
        ['DailySummarySchedule', this.dailySummary.deadLetterQueue],
        ['ReconcilerSchedule', this.reconciler.deadLetterQueue],
        ['RetentionSchedule', this.retention.deadLetterQueue],
        ['EvidenceUploads', evidenceConsumers.queue],
      ]),
    };
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      ...operated,
      alarmEmail: props.alarmEmail,
      budgetUsd: props.budgetUsd,
      slaBreachesPerHour: props.slaBreachesPerHour,
      scheduleGroupName: 'default',
    });
    this.dashboard = new OperationsDashboard(this, 'Operations', operated);

    // The pages learn the API and the hosted UI from /config.json, written at deploy time. The API is
    // served from the pages' own origin (/v1/* on the same distribution), behind the web ACL.
    this.web.publish({
      apiUrl: this.web.url,
      localLogin: false,
      cognito: { domain: this.staff.domainUrl, clientId: this.staff.client.userPoolClientId },
    });

    new CfnOutput(this, 'WebUrl', { value: `${this.web.url}/`, description: 'Public complaint form' });
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.web.url}/console/`, description: 'Staff console' });
    new CfnOutput(this, 'ApiUrl', {
      value: `${this.web.url}/`,
      description: 'Base URL of the public API (through CloudFront and the web ACL)',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'SesConfigurationSet', { value: this.mail.configurationSet.configurationSetName });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'EvidenceBucket', { value: this.evidence.bucket.bucketName });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
    new CfnOutput(this, 'UserPoolId', { value: this.staff.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.staff.client.userPoolClientId,
      description: 'App client of the staff console; the audience of staff tokens',
    });
    new CfnOutput(this, 'CognitoDomain', {
      value: this.staff.domainUrl,
      description: 'Hosted UI where staff sign in',
    });
  }
}
