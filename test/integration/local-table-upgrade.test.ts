import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../functions/adapters/table.ts';
import { ensureTable } from '../../local/table.ts';
import { useLocalStack } from '../support/stack-client.ts';

await useLocalStack();
const client = new DynamoDBClient({});
const tableName = `upgrade-${Date.now()}`;
afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  client.destroy();
});

describe('a table kept under .data/ by an older version', () => {
  it('gains the indexes it lacks and drops the retired ones on start, with its stored complaints in them', async () => {
    // The table as it was before the queue indexes stopped projecting `version` (new names) and the
    // export index went from month to day partitions: the retired indexes, and the unchanged ones.
    const retired = [
      {
        indexName: 'queueAll',
        partitionKey: 'queueAll',
        sortKey: 'queueDueAt',
        projectedAttributes: ['id', 'version'],
      },
      {
        indexName: 'queueByDepartment',
        partitionKey: 'queueDepartment',
        sortKey: 'queueDueAt',
        projectedAttributes: ['id', 'version'],
      },
      {
        indexName: 'queueByAssignee',
        partitionKey: 'queueAssignee',
        sortKey: 'queueDueAt',
        projectedAttributes: ['id', 'version'],
      },
      {
        indexName: 'bySubmissionMonth',
        partitionKey: 'submittedMonth',
        sortKey: 'submittedAt',
        projectedAttributes: ['id'],
      },
    ];
    const kept = TABLE_SCHEMA.globalSecondaryIndexes.filter(
      (index) =>
        !['queueAllByDue', 'queueDepartmentByDue', 'queueAssigneeByDue', 'bySubmissionDay'].includes(
          index.indexName,
        ),
    );
    const older = [...kept, ...retired];
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          ...new Set(['pk', 'sk', ...older.flatMap((index) => [index.partitionKey, index.sortKey])]),
        ].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: older.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projectedAttributes] },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const id = '01KAQ00000000000000000000A';
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: `COMPLAINT#${id}` },
          sk: { S: 'META' },
          id: { S: id },
          reference: { S: 'CMP-261123-OLD001' },
          subject: { S: '旧数据里的投诉' },
          submittedAt: { S: '2026-11-23T01:00:00.000Z' },
          queueAll: { S: 'all#done' },
          queueDueAt: { S: `2026-11-24T00:00:00.000Z#${id}` },
          // Stored by the older version: the month key, which the new export index does not read.
          submittedMonth: { S: '2026-11' },
        },
      }),
    );

    const streamArn = await ensureTable(client, tableName);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(streamArn).toBe(Table?.LatestStreamArn);
    expect((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort()).toEqual(
      TABLE_SCHEMA.globalSecondaryIndexes.map((index) => index.indexName).sort(),
    );
    const { Items } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'bySubmissionDay',
        KeyConditionExpression: 'submittedDay = :day',
        ExpressionAttributeValues: { ':day': { S: '2026-11-23' } },
      }),
    );
    expect(Items?.map((item) => item.reference?.S)).toEqual(['CMP-261123-OLD001']);
    const queue = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'queueAllByDue',
        KeyConditionExpression: 'queueAll = :partition',
        ExpressionAttributeValues: { ':partition': { S: 'all#done' } },
      }),
    );
    expect(queue.Items?.map((item) => item.reference?.S)).toEqual(['CMP-261123-OLD001']);

    // A second start finds nothing to change.
    await expect(ensureTable(client, tableName)).resolves.toBe(streamArn);
  });
});
