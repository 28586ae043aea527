import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../adapters/logger.ts';
import { workflowStarter } from '../adapters/workflow-starter.ts';
import { LIFECYCLE_STARTER } from './lifecycle-starter.ts';
import { matchesStreamFilter } from './stream-filter.ts';
import { backgroundHandler } from './task-handler.ts';

const COMPLAINT_PK_PREFIX = 'COMPLAINT#';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

const startLifecycleOf = async (record: DynamoDBRecord): Promise<void> => {
  // The event source mapping filters already; this keeps the handler right on its own.
  const pk = record.dynamodb?.Keys?.pk?.S;
  if (!matchesStreamFilter(LIFECYCLE_STARTER.filter, record) || !pk?.startsWith(COMPLAINT_PK_PREFIX)) return;
  const complaintId = pk.slice(COMPLAINT_PK_PREFIX.length);
  const outcome = await workflowStarter.start(complaintId);
  logger.info('Lifecycle started', { complaintId, outcome });
};

/**
 * Table stream consumer: every newly inserted complaint gets its lifecycle execution (named after it,
 * so a redelivered record starts nothing twice). Records are handled one after another and each
 * failure is reported (Powertools batch); the stream resumes at the earliest failed one.
 */
export const handler = backgroundHandler((event: DynamoDBStreamEvent) =>
  processPartialResponse(event, startLifecycleOf, processor, {
    processInParallel: false,
    throwOnFullBatchFailure: false,
  }),
);
