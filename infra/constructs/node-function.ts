import path from 'node:path';
import type { Duration } from 'aws-cdk-lib';
import { type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fromRepoRoot, REPO_ROOT } from '../repo-root.ts';
import { LAMBDA_ESBUILD_OPTIONS } from './bundling.ts';

/** Service name in the Powertools logs of every function. */
export const SERVICE_NAME = 'complaints';

/** Where a bundled policy file lands: next to the handler, in Lambda's task root. */
export const BUNDLED_POLICY_FILE = '/var/task/policy.json';

/** `value` as one POSIX shell word. */
const shellWord = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

export interface NodeFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  /** The table's name, given to every function as TABLE_NAME. */
  tableName: string;
  environment?: Record<string, string>;
  /** @default 512 */
  memorySize?: number;
  /** FUNCTION_TIMEOUT_SECONDS of the function's kind (the local runtime enforces the same). */
  timeout: Duration;
  /** @default unreserved */
  reservedConcurrentExecutions?: number;
  /** Applied to the log group. */
  removalPolicy: RemovalPolicy;
  /**
   * Absolute path of an already validated complaint policy file. When given, it is copied into the
   * bundle as policy.json and POLICY_FILE points at it.
   */
  policyFile?: string;
  /**
   * Why any statement that the caller adds to this function's role needs a wildcard resource; active
   * tracing already needs one for X-Ray.
   */
  otherWildcardResources?: string;
}

/**
 * Bundling hooks that copy `file` into the bundle as policy.json. A file under the repository (the
 * bundling input) is named relative to the input directory, so the copy also works inside a bundling
 * container.
 */
export const copyIntoBundle = (file: string): ICommandHooks => {
  const relative = path.relative(REPO_ROOT, file);
  const insideRoot = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir, outputDir) => {
      const source = insideRoot ? `${inputDir}/${relative.split(path.sep).join('/')}` : file;
      return [
        `cp ${shellWord(source)} ${shellWord(`${outputDir}/${path.posix.basename(BUNDLED_POLICY_FILE)}`)}`,
      ];
    },
  };
};

/** Id of the stack's one log group of every function (a child of the stack). */
const FUNCTION_LOG_GROUP_ID = 'FunctionLogs';

/**
 * The stack's log group of every function, made by the first function. Lambda names each log stream
 * after its function (`YYYY/MM/DD/<function>[$LATEST]…`), so one group loses nothing, and one group
 * instead of one per function keeps ~50 resources out of a stack that CloudFormation caps at 500.
 */
const functionLogGroup = (scope: Construct, removalPolicy: RemovalPolicy): LogGroup => {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(FUNCTION_LOG_GROUP_ID);
  if (existing instanceof LogGroup) return existing;
  return new LogGroup(stack, FUNCTION_LOG_GROUP_ID, { retention: RetentionDays.ONE_YEAR, removalPolicy });
};

/**
 * One Lambda function the way all of ours are built: Node.js 22 on arm64, esbuild-bundled ESM
 * (minified, self-contained: see bundling.ts), active tracing, the stack's function log group with
 * a retention, and its own role that may write only to that log group.
 *
 * Source maps stay enabled at run time, for readable stack traces in the logs; the cold-start
 * benchmark measures what that costs on import next to the deployed setting (bench/RESULTS.md).
 */
export class NodeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  /** The function's execution role. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);

    this.logGroup = functionLogGroup(this, props.removalPolicy);

    // An explicit role instead of AWSLambdaBasicExecutionRole, whose logs:* statements cover every
    // log group in the account: this one can write to the functions' log group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    this.role = role;
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
      timeout: props.timeout,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        TABLE_NAME: props.tableName,
        ...(props.policyFile ? { POLICY_FILE: BUNDLED_POLICY_FILE } : {}),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_ESBUILD_OPTIONS.target,
        mainFields: LAMBDA_ESBUILD_OPTIONS.mainFields,
        minify: LAMBDA_ESBUILD_OPTIONS.minify,
        sourceMap: LAMBDA_ESBUILD_OPTIONS.sourcemap,
        sourcesContent: LAMBDA_ESBUILD_OPTIONS.sourcesContent,
        banner: LAMBDA_ESBUILD_OPTIONS.banner.js,
        bundleAwsSDK: false,
        externalModules: LAMBDA_ESBUILD_OPTIONS.external,
        esbuildArgs: Object.fromEntries(
          Object.entries(LAMBDA_ESBUILD_OPTIONS.alias).map(([module, file]) => [`--alias:${module}`, file]),
        ),
        // No Docker here or in CI: bundle with the esbuild from node_modules.
        forceDockerBundling: false,
        ...(props.policyFile ? { commandHooks: copyIntoBundle(props.policyFile) } : {}),
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
