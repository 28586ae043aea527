import { Aws, CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/routes.ts';
import { ComplaintTable } from './constructs/complaint-table.ts';
import { ComplaintsHttpApi } from './constructs/http-api.ts';
import type { AccessResources } from './constructs/function-access.ts';
import { DailySummary } from './constructs/daily-summary.ts';
import { KpiCounter } from './constructs/kpi-counter.ts';
import { LifecycleStarter } from './constructs/lifecycle-starter.ts';
import { LifecycleWorkflow } from './constructs/lifecycle-workflow.ts';
import { StaffIdentity } from './constructs/staff-identity.ts';
import { WebHosting } from './constructs/web-hosting.ts';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from './policy-file.ts';
import { fromRepoRoot } from './repo-root.ts';

export interface ComplaintsStackProps extends StackProps {
  /** `dev` stacks are disposable; every other stage keeps its data when the stack goes away. */
  stage: string;
  /** The address customer emails come from; an SES identity is created (and must be verified) for it. */
  senderEmail: string;
  /** CORS origins of the public web pages. @default ['*'] */
  allowedOrigins?: string[];
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
  readonly kpiCounter: KpiCounter;
  readonly dailySummary: DailySummary;

  constructor(scope: Construct, id: string, props: ComplaintsStackProps) {
    super(scope, id, props);

    const policyFile = loadPolicyFile(props.policyFile ?? DEFAULT_POLICY_FILE);
    const disposable = props.stage === 'dev';
    const removalPolicy = disposable ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

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

    const senderIdentity = new EmailIdentity(this, 'SenderIdentity', {
      identity: Identity.email(props.senderEmail),
    });

    this.web = new WebHosting(this, 'Web', {
      assetDirectory: props.webAssetDirectory ?? fromRepoRoot('web/dist'),
      removalPolicy,
      deleteFilesWithStack: disposable,
    });

    this.staff = new StaffIdentity(this, 'Staff', {
      consoleUrls: [...(props.consoleUrls ?? ['http://localhost:3000/console/']), `${this.web.url}/console/`],
      // The account id makes the default unique without asking; Cognito accepts it as a token.
      domainPrefix: props.cognitoDomainPrefix ?? `complaints-${props.stage}-${Aws.ACCOUNT_ID}`,
      removalPolicy,
      deletionProtection: !disposable,
    });

    // What every function may be given access to; each takes what its declared access needs.
    const resources: AccessResources = {
      table,
      tokenSigningSecret,
      senderIdentity,
      senderEmail: props.senderEmail,
      publicWebUrl: this.web.url,
      policyFile: policyFile.path,
    };

    this.api = new ComplaintsHttpApi(this, 'Http', {
      routes: ROUTES,
      staffAuthorizer: this.staff.authorizer,
      resources,
      allowedOrigins: props.allowedOrigins ?? ['*'],
      throttle: { rateLimit: 50, burstLimit: 100 },
      removalPolicy,
    });

    this.workflow = new LifecycleWorkflow(this, 'Lifecycle', { ...resources, removalPolicy });

    this.starter = new LifecycleStarter(this, 'LifecycleStarter', {
      ...resources,
      stateMachine: this.workflow.stateMachine,
      removalPolicy,
    });

    this.kpiCounter = new KpiCounter(this, 'KpiCounter', { ...resources, removalPolicy });
    this.dailySummary = new DailySummary(this, 'DailySummary', {
      ...resources,
      timeZone: policyFile.policy.calendar.timeZone,
      removalPolicy,
    });

    // Their table grants include the table's indexes.
    for (const fn of [
      ...this.api.functions.values(),
      ...Object.values(this.workflow.tasks),
      this.kpiCounter.handler,
      this.dailySummary.handler,
    ]) {
      this.table.acknowledgeIndexGrants(fn.role);
    }

    // The pages learn the API and the hosted UI from /config.json, written at deploy time.
    this.web.publish({
      apiUrl: this.api.url,
      localLogin: false,
      cognito: { domain: this.staff.domainUrl, clientId: this.staff.client.userPoolClientId },
    });

    new CfnOutput(this, 'WebUrl', { value: `${this.web.url}/`, description: 'Public complaint form' });
    new CfnOutput(this, 'ConsoleUrl', { value: `${this.web.url}/console/`, description: 'Staff console' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the public API' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
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
