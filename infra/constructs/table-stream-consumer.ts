import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../functions/adapters/table.ts';
import type { StreamFilter } from '../../functions/workflow/stream-filter.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { NodeFunction, type NodeFunctionProps } from './node-function.ts';
import { FUNCTION_TIMEOUT_SECONDS } from '../../functions/function-timeouts.ts';

// FilterRule's helpers are typed `any`; these are the pattern values they return.
type PatternValue = string[] | Record<string, unknown>[];

/** The event source mapping's filter pattern for a consumer's declared StreamFilter. */
export const streamFilterPattern = (filter: StreamFilter): Record<string, unknown> => {
  const sortKey: PatternValue =
    'equals' in filter.sortKey
      ? (FilterRule.isEqual(filter.sortKey.equals) as PatternValue)
      : FilterRule.beginsWith(filter.sortKey.prefix);
  return {
    eventName: FilterRule.isEqual(filter.eventName) as PatternValue,
    dynamodb: {
      Keys: { [TABLE_SCHEMA.sortKey]: { S: sortKey } },
      ...(filter.types ? { NewImage: { type: { S: FilterRule.or(...filter.types) as PatternValue } } } : {}),
    },
  };
};

export interface TableStreamConsumerProps extends Omit<
  NodeFunctionProps,
  'tableName' | 'memorySize' | 'timeout' | 'otherWildcardResources'
> {
  table: ITable;
  /** Construct id of the function (the handler's name). */
  name: string;
  batchSize: number;
  /** The event source mapping's filter pattern: only matching records invoke the function. */
  filter: Record<string, unknown>;
  removalPolicy: RemovalPolicy;
}

/**
 * A Lambda function on the table's stream with its own filtered event source mapping: bisection,
 * retries, per-record failures, and an encrypted dead-letter queue for records it still cannot
 * handle. Each consumer keeps its own position in the stream.
 */
export class TableStreamConsumer extends Construct {
  readonly handler: NodeFunction;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: TableStreamConsumerProps) {
    super(scope, id);
    const { table, name, batchSize, filter, ...functionProps } = props;

    this.handler = new NodeFunction(this, name, {
      ...functionProps,
      tableName: table.tableName,
      memorySize: 256,
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS.stream),
      otherWildcardResources:
        'Reading the table stream also needs dynamodb:ListStreams, which has no resource-level permissions; ' +
        'the stream read actions themselves are limited to this table’s stream.',
    });

    this.deadLetterQueue = deadLetterQueue(this, 'FailedRecords', {
      of: 'a table-stream event source mapping (its on-failure destination)',
      removalPolicy: props.removalPolicy,
    });

    this.handler.function.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize,
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(filter)],
      }),
    );
  }
}
