import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
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

const processor = new BatchProcessor(EventType.DynamoDBStreams);

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

const countRecord = async (record: DynamoDBRecord): Promise<void> => {
  // The event source mapping filters already; this keeps the handler right on its own.
  if (!matchesStreamFilter(KPI_COUNTER.filter, record) || !record.dynamodb?.NewImage) return;
  const event = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as ComplaintEvent;
  const outcome = await countEventKpis({ kpis: kpiCounters, policy: policySource, clock, surges }, event);
  logger.debug('KPI counters', { sequence: record.dynamodb.SequenceNumber, outcome });
};

/**
 * Table stream consumer: adds each audit event's change to the KPI counters, once per event (a
 * redelivered record finds its marker and changes nothing, so records after a failed one may be
 * delivered again safely). Records are handled one after another; each failure is reported
 * (Powertools batch) and the stream resumes at the earliest failed one.
 */
export const handler = backgroundHandler((event: DynamoDBStreamEvent) =>
  processPartialResponse(event, countRecord, processor, {
    processInParallel: false,
    throwOnFullBatchFailure: false,
  }),
);
