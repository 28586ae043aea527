import type { S3Event } from 'aws-lambda';
import { S3_EVENT_CONSUMERS, type BucketRole } from '../functions/s3-event-consumers.ts';
import { invokeLambda } from './lambda/invoke.ts';
import { LOCAL_BUCKETS } from './s3.ts';

/**
 * Delivers an S3 event to the functions subscribed to its bucket (functions/s3-event-consumers.ts),
 * asynchronously as S3 does: the upload's response does not wait. A failed invocation is reported, as
 * Lambda's asynchronous retries and dead-letter queue would show it.
 */
export const deliverS3Event = (event: S3Event, onError: (error: unknown) => void): void => {
  for (const record of event.Records) {
    if (!record.eventName.startsWith('ObjectCreated:')) continue;
    for (const consumer of S3_EVENT_CONSUMERS) {
      if (LOCAL_BUCKETS[consumer.bucket satisfies BucketRole] !== record.s3.bucket.name) continue;
      if (consumer.prefix && !record.s3.object.key.startsWith(consumer.prefix)) continue;
      invokeLambda(consumer.name, consumer.entry, { Records: [record] }).catch(onError);
    }
  }
};
