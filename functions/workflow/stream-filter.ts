import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Which table-stream records a consumer receives, declared once: CDK turns it into the event source
 * mapping's filter criteria, the local stream poller applies it the same way before delivering, and
 * the consumer checks it again so it is right on its own.
 */
export interface StreamFilter {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The record's sort key is exactly this, or starts with this. */
  sortKey: { equals: string } | { prefix: string };
  /** The new image's `type` attribute (a string) is one of these. */
  types?: readonly string[];
}

export const matchesStreamFilter = (filter: StreamFilter, record: DynamoDBRecord): boolean => {
  const sortKey = record.dynamodb?.Keys?.sk?.S ?? '';
  return (
    record.eventName === filter.eventName &&
    ('equals' in filter.sortKey
      ? sortKey === filter.sortKey.equals
      : sortKey.startsWith(filter.sortKey.prefix)) &&
    (filter.types === undefined || filter.types.includes(record.dynamodb?.NewImage?.type?.S ?? ''))
  );
};
