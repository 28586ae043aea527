import { type RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { KPI_COUNTER } from '../../functions/workflow/kpi-counter.ts';
import { type AccessResources, accessProps, grantAccess } from './function-access.ts';
import { streamFilterPattern, TableStreamConsumer } from './table-stream-consumer.ts';

export interface KpiCounterProps extends AccessResources {
  removalPolicy: RemovalPolicy;
}

/**
 * The table-stream consumer that keeps the KPI counters: its mapping is filtered (KPI_COUNTER.filter)
 * to inserted audit events of the counted types.
 */
export class KpiCounter extends TableStreamConsumer {
  constructor(scope: Construct, id: string, props: KpiCounterProps) {
    const { filter, access } = KPI_COUNTER;
    super(scope, id, {
      table: props.table,
      name: KPI_COUNTER.name,
      entry: KPI_COUNTER.entry,
      description: 'Adds each audit event to the KPI counters, once (table stream consumer)',
      removalPolicy: props.removalPolicy,
      ...accessProps(access, props),
      batchSize: 25,
      filter: streamFilterPattern(filter),
    });
    grantAccess(this.handler, access, props);
  }
}
