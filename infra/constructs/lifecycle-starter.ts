import type { RemovalPolicy } from 'aws-cdk-lib';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { LIFECYCLE_STARTER } from '../../functions/workflow/lifecycle-starter.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { streamFilterPattern, TableStreamConsumer } from './table-stream-consumer.ts';

export interface LifecycleStarterProps extends AccessResources {
  stateMachine: IStateMachine;
  removalPolicy: RemovalPolicy;
}

/** The table-stream consumer that starts one lifecycle execution per new complaint (LIFECYCLE_STARTER). */
export class LifecycleStarter extends TableStreamConsumer {
  constructor(scope: Construct, id: string, props: LifecycleStarterProps) {
    const { filter, access } = LIFECYCLE_STARTER;
    const granted = accessProps(access, props);
    super(scope, id, {
      table: props.table,
      name: LIFECYCLE_STARTER.name,
      entry: LIFECYCLE_STARTER.entry,
      description: 'Starts the lifecycle execution of each new complaint (table stream consumer)',
      ...granted,
      environment: { ...granted.environment, STATE_MACHINE_ARN: props.stateMachine.stateMachineArn },
      removalPolicy: props.removalPolicy,
      batchSize: 10,
      filter: streamFilterPattern(filter),
    });
    grantAccess(this.handler, access, props);
    if (access.startsLifecycles) props.stateMachine.grantStartExecution(this.handler.function);
  }
}
