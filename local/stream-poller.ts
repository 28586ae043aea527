import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { JsonFile } from './json-file.ts';

const BATCH_SIZE = 10;
const IDLE_POLL_MS = 200;
const RETRY_BACKOFF_MS = 1_000;

export interface StreamPollerOptions {
  client: DynamoDBStreamsClient;
  streamArn: string;
  /**
   * The event source mapping's filter: records it rejects are never delivered (and count as
   * processed), as in AWS. Without one every record is delivered.
   */
  accepts?: (record: DynamoDBRecord) => boolean;
  /** Receives batches as a Lambda event source mapping would deliver them. */
  deliver: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  /** Where the last processed sequence number of each shard is kept across restarts. */
  checkpoints: JsonFile<Record<string, string>>;
  onError: (error: unknown) => void;
}

const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord =>
  ({
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime
        ? record.dynamodb.ApproximateCreationDateTime.getTime() / 1000
        : undefined,
    },
  }) as DynamoDBRecord;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Polls DynamoDB Local's stream API like a Lambda event source mapping: batches of up to 10 records
 * per shard, in order, at least once, retrying from the first failed record (ReportBatchItemFailures)
 * and checkpointing each shard so a restart resumes where it stopped.
 */
export const startStreamPoller = (options: StreamPollerOptions): { stop: () => Promise<void> } => {
  const { client, streamArn, deliver, checkpoints } = options;
  const controller = new AbortController();
  const { signal } = controller;
  const finishedShards = new Set<string>();
  const running = new Map<string, Promise<void>>();

  const iteratorAfter = async (shardId: string): Promise<string | undefined> => {
    const after = checkpoints.value[shardId];
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator;
  };

  const pollShard = async (shardId: string): Promise<void> => {
    let iterator = await iteratorAfter(shardId);
    while (iterator && !signal.aborted) {
      try {
        const { Records = [], NextShardIterator } = await client.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: BATCH_SIZE }),
        );
        const delivered = Records.map((record) => toLambdaRecord(record, streamArn)).filter(
          (record) => options.accepts?.(record) ?? true,
        );
        if (Records.length > 0) {
          const response = delivered.length > 0 ? await deliver({ Records: delivered }) : undefined;
          // As Lambda does: the stream resumes at the earliest failed record, whatever order they are listed in.
          const failedSequences = new Set(
            (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier),
          );
          const failedIndex = Records.findIndex((record) =>
            failedSequences.has(record.dynamodb?.SequenceNumber ?? ''),
          );
          const processed = failedIndex === -1 ? Records : Records.slice(0, failedIndex);
          const last = processed.at(-1)?.dynamodb?.SequenceNumber;
          if (last) await checkpoints.update((value) => ({ ...value, [shardId]: last }));
          if (failedIndex !== -1) {
            await sleep(RETRY_BACKOFF_MS, signal);
            iterator = await iteratorAfter(shardId);
            continue;
          }
        }
        iterator = NextShardIterator;
        if (Records.length === 0) await sleep(IDLE_POLL_MS, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) {
          options.onError(error);
        }
        // A thrown batch is retried whole, like a Lambda function error.
        await sleep(RETRY_BACKOFF_MS, signal);
        iterator = await iteratorAfter(shardId).catch(() => iterator);
      }
    }
    if (!signal.aborted) finishedShards.add(shardId);
  };

  const discoverShards = async () => {
    while (!signal.aborted) {
      try {
        const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        const listed = new Set((StreamDescription?.Shards ?? []).map((shard) => shard.ShardId));
        for (const shard of StreamDescription?.Shards ?? []) {
          const shardId = shard.ShardId;
          if (!shardId || running.has(shardId) || finishedShards.has(shardId)) continue;
          // A child shard starts only after its parent has been read to the end, as in AWS.
          if (
            shard.ParentShardId &&
            listed.has(shard.ParentShardId) &&
            !finishedShards.has(shard.ParentShardId)
          ) {
            continue;
          }
          // A shard whose poller failed (DynamoDB Local down when it started) is polled again from
          // its checkpoint at the next discovery, so the stream resumes after a restart.
          running.set(
            shardId,
            pollShard(shardId)
              .catch(options.onError)
              .finally(() => running.delete(shardId)),
          );
        }
      } catch (error) {
        if (!signal.aborted) options.onError(error);
      }
      await sleep(1_000, signal);
    }
  };

  const discovery = discoverShards();
  return {
    stop: async () => {
      controller.abort();
      await discovery;
      await Promise.allSettled(running.values());
    },
  };
};
