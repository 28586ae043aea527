import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fromRepoRoot } from '../repo-root.ts';

/** Service name in the Powertools logs of every function. */
export const SERVICE_NAME = 'complaints';

/** esbuild emits ESM; this banner gives CommonJS dependencies the `require` they expect. */
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export interface NodeFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  /** The table's name, given to every function as TABLE_NAME. */
  tableName: string;
  environment?: Record<string, string>;
  /** @default 512 */
  memorySize?: number;
  /** @default 10 seconds */
  timeout?: Duration;
  /** Applied to the log group. */
  removalPolicy: RemovalPolicy;
  /**
   * Why any statement that the caller adds to this function's role needs a wildcard resource; active
   * tracing already needs one for X-Ray.
   */
  otherWildcardResources?: string;
}

/**
 * One Lambda function the way all of ours are built: Node.js 22 on arm64, esbuild-bundled ESM
 * (minified, with source maps, AWS SDK included so the version that ran in the tests is the one that
 * runs in Lambda), active tracing, its own log group with a retention, and its own role that may write
 * only to that log group.
 */
export class NodeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });

    // An explicit role instead of AWSLambdaBasicExecutionRole, whose logs:* statements cover every
    // log group in the account: this one can write to its own log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    this.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: fromRepoRoot(props.entry),
      handler: 'handler',
      projectRoot: fromRepoRoot('.'),
      depsLockFilePath: fromRepoRoot('package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        TABLE_NAME: props.tableName,
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        banner: ESM_REQUIRE_BANNER,
        bundleAwsSDK: true,
        // No Docker here or in CI: bundle with the esbuild from node_modules.
        forceDockerBundling: false,
      },
    });

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level ' +
        'permissions, so CDK grants them on "*". ' +
        (props.otherWildcardResources ?? 'No other statement of this role uses a wildcard resource.'),
    });
    Validations.of(this.function.node.defaultChild ?? this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x, the Node.js major the code is built, type-checked and tested with ' +
        '(engines, .nvmrc, CI). Moving to a newer runtime is a deliberate upgrade together with the toolchain.',
    });
  }
}
