import type { RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterRule } from 'aws-cdk-lib/aws-lambda';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { COMPLAINT_SORT_KEY, TABLE_SCHEMA } from '../../functions/adapters/table.ts';
import { STREAM_CONSUMER } from '../../functions/workflow/tasks.ts';
import { TableStreamConsumer } from './table-stream-consumer.ts';

/** A filter-pattern value matching exactly `value` (FilterRule returns `any`). */
const equals = (value: string): string[] => FilterRule.isEqual(value) as string[];

export interface LifecycleStarterProps {
  table: ITable;
  stateMachine: IStateMachine;
  removalPolicy: RemovalPolicy;
}

/** The table-stream consumer that starts one lifecycle execution per new complaint (inserts of complaint items). */
export class LifecycleStarter extends TableStreamConsumer {
  constructor(scope: Construct, id: string, props: LifecycleStarterProps) {
    super(scope, id, {
      table: props.table,
      name: STREAM_CONSUMER.name,
      entry: STREAM_CONSUMER.entry,
      description: 'Starts the lifecycle execution of each new complaint (table stream consumer)',
      environment: { STATE_MACHINE_ARN: props.stateMachine.stateMachineArn },
      removalPolicy: props.removalPolicy,
      batchSize: 10,
      filter: {
        eventName: equals('INSERT'),
        dynamodb: { Keys: { [TABLE_SCHEMA.sortKey]: { S: equals(COMPLAINT_SORT_KEY) } } },
      },
    });
    props.stateMachine.grantStartExecution(this.handler.function);
  }
}
