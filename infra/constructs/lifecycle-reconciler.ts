import { type CfnElement, Duration, type RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { type Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { LIFECYCLE_RECONCILER } from '../../functions/workflow/lifecycle-reconciler.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';
import { scheduledInvocation } from './scheduled-invocation.ts';

/** How cdk-nag names the resource `StateMachine.grantExecution` grants: `…:execution:<machine name>:*`. */
const executionsFinding = (stack: Stack, stateMachine: IStateMachine): string => {
  const known = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
  const partition = Token.isUnresolved(stack.region)
    ? '<AWS::Partition>'
    : (RegionInfo.get(stack.region).partition ?? '<AWS::Partition>');
  const machineId = stack.getLogicalId(stateMachine.node.defaultChild as CfnElement);
  const machineName = JSON.stringify({ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: machineId }] }] });
  return (
    `Resource::arn:${partition}:states:${known(stack.region, '<AWS::Region>')}:` +
    `${known(stack.account, '<AWS::AccountId>')}:execution:${machineName}:*`
  );
};

export interface LifecycleReconcilerProps extends AccessResources {
  stateMachine: IStateMachine;
  removalPolicy: RemovalPolicy;
}

/** The reconciler that re-drives stopped lifecycles: a function and the schedule that runs it every 5 minutes. */
export class LifecycleReconciler extends Construct {
  readonly handler: NodeFunction;
  readonly schedule: Schedule;
  readonly schedulerRole: Role;
  /** Invocations the scheduler gave up on after its retries. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: LifecycleReconcilerProps) {
    super(scope, id);
    const { access } = LIFECYCLE_RECONCILER;
    const granted = accessProps(access, props);
    this.handler = new NodeFunction(this, LIFECYCLE_RECONCILER.name, {
      entry: LIFECYCLE_RECONCILER.entry,
      description: 'Re-drives complaint lifecycles whose execution failed, stopped or never started',
      tableName: props.table.tableName,
      timeout: Duration.seconds(120),
      // One run at a time: two overlapping runs would only race on the same complaints.
      reservedConcurrentExecutions: 1,
      removalPolicy: props.removalPolicy,
      ...granted,
      environment: { ...granted.environment, STATE_MACHINE_ARN: props.stateMachine.stateMachineArn },
    });
    grantAccess(this.handler, access, props);
    // Exactly the two Step Functions actions it uses: DescribeExecution on this machine's executions,
    // StartExecution on the machine.
    if (access.startsLifecycles) props.stateMachine.grantStartExecution(this.handler.function);
    if (access.checksLifecycles)
      props.stateMachine.grantExecution(this.handler.function, 'states:DescribeExecution');
    const stack = Stack.of(this);
    Validations.of(this.handler.role).acknowledge({
      id: `AwsSolutions-IAM5[${executionsFinding(stack, props.stateMachine)}]`,
      reason:
        'states:DescribeExecution on the executions of the one lifecycle state machine: their names ' +
        '(<complaint id>, <complaint id>-r<n>) are made at run time.',
    });

    ({
      schedulerRole: this.schedulerRole,
      deadLetterQueue: this.deadLetterQueue,
      schedule: this.schedule,
    } = scheduledInvocation(this, this.handler, {
      what: 'the lifecycle reconciler',
      scheduleId: 'EveryFiveMinutes',
      deadLetterQueueOf: 'the lifecycle reconciler schedule',
      deadLetterQueueId: 'MissedRuns',
      description: 'Re-drives stopped complaint lifecycles',
      schedule: ScheduleExpression.rate(Duration.minutes(LIFECYCLE_RECONCILER.everyMinutes)),
      // The next run comes in 5 minutes anyway.
      retryAttempts: 0,
      removalPolicy: props.removalPolicy,
    }));
  }
}
