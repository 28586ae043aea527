import { readFileSync } from 'node:fs';
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  LIFECYCLE_DEFINITION_FILE,
  WORKFLOW_TASKS,
  type WorkflowTaskSubstitution,
} from '../../functions/workflow/tasks.ts';
import { fromRepoRoot } from '../repo-root.ts';
import type { FunctionAccess } from '../../functions/function-access.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/function-timeouts.ts';

export interface LifecycleWorkflowProps extends AccessResources {
  removalPolicy: RemovalPolicy;
}

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
      entries.map(([substitution, task]) => [substitution, this.taskFunction(task, props)]),
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
      retention: RetentionDays.ONE_YEAR,
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
    task: { name: string; entry: string; access: FunctionAccess },
    props: LifecycleWorkflowProps,
  ): NodeFunction {
    const fn = new NodeFunction(this, task.name, {
      entry: task.entry,
      description: `Lifecycle task ${task.name}`,
      tableName: props.table.tableName,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.task),
      removalPolicy: props.removalPolicy,
      ...accessProps(task.access, props),
    });
    grantAccess(fn, task.access, props);
    return fn;
  }
}
