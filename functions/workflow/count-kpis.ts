import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { ComplaintEvent } from '../domain/audit-event.ts';
import { countEventKpis } from '../app/count-event-kpis.ts';
import { clock, wallClock } from '../adapters/clock.ts';
import { newId } from '../adapters/events.ts';
import { incidentMailer } from '../adapters/incident-mailer.ts';
import { incidentStore } from '../adapters/incident-repository.ts';
import { mailDeliveries } from '../adapters/mail-deliveries.ts';
import { surgeStore } from '../adapters/surge-store.ts';
import { kpiCounters } from '../adapters/kpi-store.ts';
import { logger } from '../adapters/logger.ts';
import { policySource } from '../adapters/policy-source.ts';
import { KPI_COUNTER } from './kpi-counter.ts';
import { matchesStreamFilter } from './stream-filter.ts';
import { backgroundHandler } from './task-handler.ts';

// Surges are counted on the wall clock (see app/count-event-kpis.ts).
const surges = {
  surges: surgeStore,
  incidents: incidentStore,
  mailer: incidentMailer,
  deliveries: mailDeliveries,
  policy: policySource,
  clock: wallClock,
  ids: { newId },
};

/** The audit event a record inserted, when it is one the counters take (undefined otherwise). */
const countedEventOf = (record: DynamoDBRecord): ComplaintEvent | undefined =>
  // The event source mapping filters already; this keeps the handler right on its own.
  matchesStreamFilter(KPI_COUNTER.filter, record) && record.dynamodb?.NewImage
    ? (unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as ComplaintEvent)
    : undefined;

/**
 * Table stream consumer: adds each audit event's change to the KPI counters, once per event (a
 * redelivered record finds its marker and changes nothing, so records after a failed one may be
 * delivered again safely). The whole batch is counted together, folded per counter shard into few
 * transactions (app/count-event-kpis.ts) — which is why this is not a Powertools record handler: its
 * processor commits record by record. The first failed record is reported (and with it every later
 * one: the stream resumes there); a batch that fails whole is reported the same way.
 */
export const handler = backgroundHandler(
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const counted = event.Records.flatMap((record) => {
      const audit = countedEventOf(record);
      return audit ? [{ record, audit }] : [];
    });
    const { outcomes, failedFrom, errors } = await countEventKpis(
      { kpis: kpiCounters, policy: policySource, clock, surges },
      counted.map(({ audit }) => audit),
    );
    logger.debug('KPI counters', { records: event.Records.length, outcomes });
    if (failedFrom === undefined) return { batchItemFailures: [] };
    for (const error of errors) logger.error('Counting a KPI event failed', { error });
    const itemIdentifier = counted[failedFrom]!.record.dynamodb?.SequenceNumber ?? '';
    return { batchItemFailures: [{ itemIdentifier }] };
  },
);
