import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { COMPLAINT_SORT_KEY } from '../adapters/table.ts';
import { logger } from '../adapters/logger.ts';
import { startLifecycle } from '../adapters/workflow-starter.ts';

const COMPLAINT_PK_PREFIX = 'COMPLAINT#';

/**
 * Table stream consumer: every newly inserted complaint gets its lifecycle execution. Failed
 * records are reported individually so the stream redelivers only those.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const keys = record.dynamodb?.Keys;
      const pk = keys?.pk?.S;
      if (
        record.eventName !== 'INSERT' ||
        keys?.sk?.S !== COMPLAINT_SORT_KEY ||
        !pk?.startsWith(COMPLAINT_PK_PREFIX)
      ) {
        continue;
      }
      const complaintId = pk.slice(COMPLAINT_PK_PREFIX.length);
      try {
        const outcome = await startLifecycle(complaintId);
        logger.info('Lifecycle started', { complaintId, outcome });
      } catch (error) {
        logger.error('Could not start lifecycle', { complaintId, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
        // Later records of the shard wait for this one, preserving order on redelivery.
        break;
      }
    }
    return { batchItemFailures };
  });
