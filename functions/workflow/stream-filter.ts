import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Which table-stream records a consumer receives, declared once: CDK turns it into the event source
 * mapping's filter criteria, and the local stream poller applies it the same way before delivering.
 */
export interface StreamFilter {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The record's sort key starts with this. */
  sortKeyPrefix: string;
  /** The new image's `type` attribute (a string) is one of these. */
  types: readonly string[];
}

export const matchesStreamFilter = (filter: StreamFilter, record: DynamoDBRecord): boolean =>
  record.eventName === filter.eventName &&
  (record.dynamodb?.Keys?.sk?.S ?? '').startsWith(filter.sortKeyPrefix) &&
  filter.types.includes(record.dynamodb?.NewImage?.type?.S ?? '');
