import { setTimeout } from 'node:timers/promises';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { ComplaintEvent } from '../domain/audit-event.ts';
import { contributionDelta, isEmpty } from '../domain/kpi-counters.ts';
import { reportDay, reportGroups } from '../domain/kpi-report.ts';
import { now } from '../adapters/clock.ts';
import { isTransactionConflict } from '../adapters/aws/aws-error.ts';
import { addEventCounts, readComplaintWithEvents } from '../adapters/kpi-store.ts';
import { logger } from '../adapters/logger.ts';
import { currentPolicy } from '../adapters/policy-source.ts';
import { KPI_COUNTER } from './kpi-counter.ts';
import { matchesStreamFilter } from './stream-filter.ts';

type Outcome = 'counted' | 'already-counted' | 'no-change' | 'skipped';

const CONFLICT_ATTEMPTS = 6;

const countRecord = async (record: DynamoDBRecord): Promise<Outcome> => {
  // The event source mapping filters already; this keeps the handler right on its own.
  if (!matchesStreamFilter(KPI_COUNTER.filter, record) || !record.dynamodb?.NewImage) return 'skipped';
  const event = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as ComplaintEvent;
  const { complaint, events } = await readComplaintWithEvents(event.complaintId);
  if (!complaint) return 'skipped';
  const delta = contributionDelta(complaint.submittedAt, events, event);
  if (isEmpty(delta)) return 'no-change';
  const target = {
    eventId: event.eventId,
    day: reportDay(complaint.submittedAt, currentPolicy().policy.calendar.timeZone),
    groups: reportGroups(complaint),
    delta,
  };
  // Every event touches the total's items, so concurrent batches (shards) collide now and then: a
  // cancelled transaction changed nothing and is simply tried again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await addEventCounts(target, now());
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= CONFLICT_ATTEMPTS) throw error;
      await setTimeout(Math.random() * 20 * 2 ** attempt);
    }
  }
};

/**
 * Table stream consumer: adds each audit event's change to the KPI counters, once per event (a
 * redelivered record finds its marker and changes nothing). Failed records are reported
 * individually; later records of the batch wait, so they are retried in order.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (streamEvent) => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of streamEvent.Records) {
      try {
        const outcome = await countRecord(record);
        logger.debug('KPI counters', { sequence: record.dynamodb?.SequenceNumber, outcome });
      } catch (error) {
        logger.error('Could not count the event', {
          sequence: record.dynamodb?.SequenceNumber,
          error: error as Error,
        });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
        break;
      }
    }
    return { batchItemFailures };
  });
