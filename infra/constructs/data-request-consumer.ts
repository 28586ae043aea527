import { type RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DATA_REQUEST_CONSUMER } from '../../functions/workflow/data-request-consumer.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { streamFilterPattern, TableStreamConsumer } from './table-stream-consumer.ts';

export interface DataRequestConsumerProps extends AccessResources {
  removalPolicy: RemovalPolicy;
}

/**
 * The table-stream consumer that carries out confirmed data-subject requests: its mapping is filtered
 * (DATA_REQUEST_CONSUMER.filter) to inserted requests; one at a time, as each may build an export.
 */
export class DataRequestConsumer extends TableStreamConsumer {
  constructor(scope: Construct, id: string, props: DataRequestConsumerProps) {
    const { filter, access } = DATA_REQUEST_CONSUMER;
    super(scope, id, {
      table: props.table,
      name: DATA_REQUEST_CONSUMER.name,
      entry: DATA_REQUEST_CONSUMER.entry,
      description:
        'Carries out each confirmed data-subject request: export or erasure (table stream consumer)',
      removalPolicy: props.removalPolicy,
      ...accessProps(access, props),
      batchSize: 1,
      filter: streamFilterPattern(filter),
    });
    grantAccess(this.handler, access, props);
  }
}
