import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { carryOutDataRequest } from '../app/carry-out-data-request.ts';
import { logger } from '../adapters/logger.ts';
import { DATA_REQUEST_CONSUMER } from './data-request-consumer.ts';
import { carryOutDeps } from './data-request-deps.ts';
import { matchesStreamFilter } from './stream-filter.ts';
import { backgroundHandler } from './task-handler.ts';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const carryOutRecord = async (record: DynamoDBRecord): Promise<void> => {
  // The event source mapping filters already; this keeps the handler right on its own.
  if (!matchesStreamFilter(DATA_REQUEST_CONSUMER.filter, record)) return;
  const id = record.dynamodb?.NewImage?.id?.S;
  if (!id) return;
  const outcome = await carryOutDataRequest(carryOutDeps, id, { kind: 'system' });
  // Counts and kinds only: the request's address stays out of the logs.
  logger.info('Data request carried out', {
    outcome: outcome.kind,
    status: 'request' in outcome ? outcome.request.status : undefined,
  });
};

/**
 * Table stream consumer: carries out each confirmed data-subject request. A request already answered
 * (a redelivered record, or staff were quicker) is left as it is; each failure is reported (Powertools
 * batch) and retried, then kept in the dead-letter queue, the request still `received` in the staff
 * queue with its deadline.
 */
export const handler = backgroundHandler((event: DynamoDBStreamEvent) =>
  processPartialResponse(event, carryOutRecord, processor, {
    processInParallel: false,
    throwOnFullBatchFailure: false,
  }),
);
