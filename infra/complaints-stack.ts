import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/routes.ts';
import { ComplaintTable } from './constructs/complaint-table.ts';
import { ComplaintsHttpApi } from './constructs/http-api.ts';
import { LifecycleStarter } from './constructs/lifecycle-starter.ts';
import { LifecycleWorkflow } from './constructs/lifecycle-workflow.ts';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from './policy-file.ts';

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
}

/** The whole application: table, HTTP API, lifecycle state machine and the stream that links them. */
export class ComplaintsStack extends Stack {
  readonly table: ComplaintTable;
  readonly api: ComplaintsHttpApi;
  readonly workflow: LifecycleWorkflow;
  readonly starter: LifecycleStarter;

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

    this.api = new ComplaintsHttpApi(this, 'Http', {
      routes: ROUTES,
      table,
      tokenSigningSecret,
      allowedOrigins: props.allowedOrigins ?? ['*'],
      throttle: { rateLimit: 50, burstLimit: 100 },
      removalPolicy,
    });

    this.workflow = new LifecycleWorkflow(this, 'Lifecycle', {
      table,
      tokenSigningSecret,
      senderIdentity,
      senderEmail: props.senderEmail,
      publicApiUrl: this.api.url,
      policyFile: policyFile.path,
      removalPolicy,
    });

    this.starter = new LifecycleStarter(this, 'LifecycleStarter', {
      table,
      stateMachine: this.workflow.stateMachine,
      removalPolicy,
    });

    // Their table grants include the table's indexes.
    for (const fn of [...this.api.functions.values(), ...Object.values(this.workflow.tasks)]) {
      this.table.acknowledgeIndexGrants(fn.role);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the public API' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachine.stateMachineArn });
  }
}
