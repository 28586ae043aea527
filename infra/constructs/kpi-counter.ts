import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../functions/adapters/table.ts';
import { KPI_COUNTER } from '../../functions/workflow/kpi-counter.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { NodeFunction } from './node-function.ts';

export interface KpiCounterProps extends AccessResources {
  removalPolicy: RemovalPolicy;
}

/**
 * The table-stream consumer that keeps the KPI counters: its own event source mapping on the table
 * stream, filtered (KPI_COUNTER.filter) to inserted audit events of the counted types, with bisection,
 * per-record failures and an encrypted dead-letter queue for records it still cannot count.
 */
export class KpiCounter extends Construct {
  readonly handler: NodeFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: KpiCounterProps) {
    super(scope, id);
    const { filter, access } = KPI_COUNTER;

    this.handler = new NodeFunction(this, KPI_COUNTER.name, {
      entry: KPI_COUNTER.entry,
      description: 'Adds each audit event to the KPI counters, once (table stream consumer)',
      tableName: props.table.tableName,
      memorySize: 256,
      timeout: Duration.seconds(60),
      removalPolicy: props.removalPolicy,
      ...accessProps(access, props),
      otherWildcardResources:
        'Reading the table stream also needs dynamodb:ListStreams, which has no resource-level permissions; ' +
        'the stream read actions themselves are limited to this table’s stream.',
    });
    grantAccess(this.handler, access, props);

    this.deadLetterQueue = new Queue(this, 'FailedRecords', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.deadLetterQueue.node.defaultChild ?? this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination (dead-letter queue) of the KPI counter’s event source ' +
        'mapping; a DLQ of a DLQ adds nothing.',
    });

    this.handler.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual(filter.eventName) as string[],
            dynamodb: {
              Keys: {
                [TABLE_SCHEMA.sortKey]: { S: FilterRule.beginsWith(filter.sortKeyPrefix) },
              },
              NewImage: { type: { S: FilterRule.or(...filter.types) } },
            },
          }),
        ],
      }),
    );
  }
}
