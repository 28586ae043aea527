import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { COMPLAINT_SORT_KEY, TABLE_SCHEMA } from '../../functions/adapters/table.ts';
import { STREAM_CONSUMER } from '../../functions/workflow/tasks.ts';
import { NodeFunction } from './node-function.ts';

/** A filter-pattern value matching exactly `value` (FilterRule returns `any`). */
const equals = (value: string): string[] => FilterRule.isEqual(value) as string[];

export interface LifecycleStarterProps {
  table: ITable;
  stateMachine: IStateMachine;
  removalPolicy: RemovalPolicy;
}

/**
 * The table-stream consumer that starts one lifecycle execution per new complaint. Only inserts of
 * complaint items reach it; records it still cannot handle after the retries are described in an
 * encrypted dead-letter queue.
 */
export class LifecycleStarter extends Construct {
  readonly handler: NodeFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: LifecycleStarterProps) {
    super(scope, id);

    this.handler = new NodeFunction(this, STREAM_CONSUMER.name, {
      entry: STREAM_CONSUMER.entry,
      description: 'Starts the lifecycle execution of each new complaint (table stream consumer)',
      tableName: props.table.tableName,
      environment: { STATE_MACHINE_ARN: props.stateMachine.stateMachineArn },
      memorySize: 256,
      timeout: Duration.seconds(60),
      removalPolicy: props.removalPolicy,
      otherWildcardResources:
        'Reading the table stream also needs dynamodb:ListStreams, which has no resource-level permissions; ' +
        'the stream read actions themselves are limited to this table’s stream.',
    });
    props.stateMachine.grantStartExecution(this.handler.function);

    this.deadLetterQueue = new Queue(this, 'FailedRecords', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.deadLetterQueue.node.defaultChild ?? this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination (dead-letter queue) of the table-stream event source ' +
        'mapping; a DLQ of a DLQ adds nothing.',
    });

    this.handler.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [
          FilterCriteria.filter({
            eventName: equals('INSERT'),
            dynamodb: { Keys: { [TABLE_SCHEMA.sortKey]: { S: equals(COMPLAINT_SORT_KEY) } } },
          }),
        ],
      }),
    );
  }
}
