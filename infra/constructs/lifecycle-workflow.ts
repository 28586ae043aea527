import { readFileSync } from 'node:fs';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  LIFECYCLE_DEFINITION_FILE,
  WORKFLOW_TASKS,
  type WorkflowTaskSubstitution,
} from '../../functions/workflow/tasks.ts';
import { fromRepoRoot } from '../repo-root.ts';
import { NodeFunction } from './node-function.ts';

/** What each workflow task may do. */
interface TaskAccess {
  /** `read` or `readWrite` the table's items; both include Query on its indexes (byCustomer). */
  table: 'read' | 'readWrite';
  /** Sends email from the sender identity (SENDER_EMAIL). */
  sendsEmail?: boolean;
  /** Issues tracking tokens (TOKEN_SIGNING_SECRET_ARN) and links to the public API (PUBLIC_API_URL). */
  issuesTrackingLinks?: boolean;
  /** Loads the complaint policy: it is shipped in the bundle and named by POLICY_FILE. */
  readsPolicy?: boolean;
  /** Answers callback-task tokens of the workflow (states:SendTaskSuccess), possibly its own. */
  answersTaskTokens?: boolean;
}

/**
 * Keyed by substitution, so a task added to WORKFLOW_TASKS does not compile until it is listed here.
 * The policy ships only with the tasks that load it (a policy edit then redeploys just those), and
 * test/infra checks this list against the imports of each handler.
 */
const TASK_ACCESS: Record<WorkflowTaskSubstitution, TaskAccess> = {
  // Grades and routes; repeat detection queries the byCustomer index.
  TriageFunctionArn: { table: 'readWrite', readsPolicy: true },
  // Mails senior management (the policy names them).
  NotifyEmergencyFunctionArn: { table: 'readWrite', sendsEmail: true, readsPolicy: true },
  // Mails the complainant a tracking link, with dates in the policy's time zone.
  SendAcknowledgementFunctionArn: {
    table: 'readWrite',
    sendsEmail: true,
    issuesTrackingLinks: true,
    readsPolicy: true,
  },
  PlanStageFunctionArn: { table: 'read' },
  // Stores the stage's task token; answers it at once when the plan is already stale.
  RegisterWaitFunctionArn: { table: 'readWrite', answersTaskTokens: true },
  // Escalates along the policy's chain and mails that level.
  EscalateFunctionArn: { table: 'readWrite', sendsEmail: true, readsPolicy: true },
};

export interface LifecycleWorkflowProps {
  table: ITable;
  tokenSigningSecret: ISecret;
  senderIdentity: IEmailIdentity;
  senderEmail: string;
  /** Base URL of the public API, for links in emails. */
  publicApiUrl: string;
  /** Absolute path of the validated complaint policy, shipped to the tasks that read it. */
  policyFile: string;
  removalPolicy: RemovalPolicy;
}

const SEND_TASK_SUCCESS_ON_ANY_RESOURCE =
  'states:SendTaskSuccess supports no resource-level permissions (the Service Authorization Reference lists ' +
  'no resource type for it: the caller names only a task token), so it is granted on "*". A token is ' +
  'unguessable and is only handed to this function by the workflow.';

/** `${Name}` placeholders of an ASL document. */
const substitutionsIn = (definition: string): Set<string> =>
  new Set(Array.from(definition.matchAll(/\$\{([A-Za-z0-9_]+)\}/gu), (match) => match[1] ?? ''));

/**
 * The complaint lifecycle: the ASL file with each task's `${…FunctionArn}` substituted by a function
 * built from WORKFLOW_TASKS; a Standard state machine with full logging (without execution data,
 * which holds personal data) and tracing.
 */
export class LifecycleWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  /** Substitution → the task's function. */
  readonly tasks: Record<WorkflowTaskSubstitution, NodeFunction>;

  constructor(scope: Construct, id: string, props: LifecycleWorkflowProps) {
    super(scope, id);

    const entries = Object.entries(WORKFLOW_TASKS) as [
      WorkflowTaskSubstitution,
      (typeof WORKFLOW_TASKS)[WorkflowTaskSubstitution],
    ][];
    this.tasks = Object.fromEntries(
      entries.map(([substitution, task]) => [
        substitution,
        this.taskFunction(task, TASK_ACCESS[substitution], props),
      ]),
    ) as Record<WorkflowTaskSubstitution, NodeFunction>;

    // Inline (not an S3 asset): the definition shows in the template and in its diffs.
    const definition = JSON.stringify(
      JSON.parse(readFileSync(fromRepoRoot(LIFECYCLE_DEFINITION_FILE), 'utf8')),
    );
    const used = substitutionsIn(definition);
    const declared = new Set<string>(Object.keys(WORKFLOW_TASKS));
    const undeclared = [...used].filter((name) => !declared.has(name));
    const unused = [...declared].filter((name) => !used.has(name));
    if (undeclared.length > 0 || unused.length > 0) {
      throw new Error(
        `${LIFECYCLE_DEFINITION_FILE} and WORKFLOW_TASKS disagree: ` +
          `undeclared substitutions [${undeclared.join(', ')}], unused tasks [${unused.join(', ')}]`,
      );
    }

    const logGroup = new LogGroup(this, 'LogGroup', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'Lifecycle of one complaint',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(definition),
      definitionSubstitutions: Object.fromEntries(
        entries.map(([substitution]) => [substitution, this.tasks[substitution].function.functionArn]),
      ),
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });

    // Invoke exactly the unqualified ARNs the definition names (grantInvoke would add `:*` versions too).
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: entries.map(([substitution]) => this.tasks[substitution].function.functionArn),
      }),
    );

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Logging to CloudWatch Logs needs the logs:*LogDelivery and logs:*ResourcePolic(y|ies) actions, ' +
        'and active tracing the xray:Put*/GetSampling* actions; none of them supports resource-level ' +
        'permissions, so they are granted on "*" as AWS documents. Lambda invocation is limited to the task functions.',
    });
  }

  private taskFunction(
    task: { name: string; entry: string },
    access: TaskAccess,
    props: LifecycleWorkflowProps,
  ): NodeFunction {
    const environment: Record<string, string> = {};
    if (access.sendsEmail) environment.SENDER_EMAIL = props.senderEmail;
    if (access.issuesTrackingLinks) {
      environment.PUBLIC_API_URL = props.publicApiUrl;
      environment.TOKEN_SIGNING_SECRET_ARN = props.tokenSigningSecret.secretArn;
    }
    const fn = new NodeFunction(this, task.name, {
      entry: task.entry,
      description: `Lifecycle task ${task.name}`,
      tableName: props.table.tableName,
      environment,
      timeout: Duration.seconds(30),
      removalPolicy: props.removalPolicy,
      ...(access.readsPolicy ? { policyFile: props.policyFile } : {}),
      ...(access.answersTaskTokens ? { otherWildcardResources: SEND_TASK_SUCCESS_ON_ANY_RESOURCE } : {}),
    });
    if (access.table === 'readWrite') props.table.grantReadWriteData(fn.function);
    else props.table.grantReadData(fn.function);
    if (access.sendsEmail) props.senderIdentity.grantSendEmail(fn.function);
    if (access.issuesTrackingLinks) props.tokenSigningSecret.grantRead(fn.function);
    if (access.answersTaskTokens) {
      // The task token alone names the execution and state: IAM knows no resource for this action, so
      // the grant cannot name this state machine (nor needs its ARN, which would be a dependency cycle:
      // state machine → function ARN → role policy → state machine ARN).
      fn.function.addToRolePolicy(
        new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: ['*'] }),
      );
    }
    return fn;
  }
}
