import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TABLE_SCHEMA } from '../functions/adapters/table.ts';
import { backfillSubmittedDay } from './backfill.ts';

const attributeDefinitions = () =>
  [
    ...new Set([
      TABLE_SCHEMA.partitionKey,
      TABLE_SCHEMA.sortKey,
      ...TABLE_SCHEMA.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ]),
  ].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const }));

const indexDefinition = (
  index: (typeof TABLE_SCHEMA.globalSecondaryIndexes)[number],
): GlobalSecondaryIndex => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' },
    { AttributeName: index.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projectedAttributes] },
});

const describeTable = async (
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> => {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

const untilIndexActive = async (client: DynamoDBClient, tableName: string, indexName: string) => {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const table = await describeTable(client, tableName);
    const status = table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === indexName)?.IndexStatus;
    if (status === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Index ${indexName} of ${tableName} did not become active`);
};

const untilIndexGone = async (client: DynamoDBClient, tableName: string, indexName: string) => {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const table = await describeTable(client, tableName);
    if (!table?.GlobalSecondaryIndexes?.some((index) => index.IndexName === indexName)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Index ${indexName} of ${tableName} was not deleted`);
};

/**
 * Brings a table kept under `.data/` (made by an older version) to TABLE_SCHEMA's indexes: adds
 * those it lacks, one UpdateTable each as DynamoDB requires, filling a new index's key attributes on
 * the complaints already stored, then deletes the indexes TABLE_SCHEMA no longer declares (an index
 * whose projection or key changed has a new name: `queueAll` became `queueAllByDue`,
 * `bySubmissionMonth` became `bySubmissionDay`), so `npm start` on old data keeps working.
 */
const upgradeIndexes = async (client: DynamoDBClient, tableName: string, table: TableDescription) => {
  const present = new Set((table.GlobalSecondaryIndexes ?? []).flatMap((index) => index.IndexName ?? []));
  const declared = new Set<string>(TABLE_SCHEMA.globalSecondaryIndexes.map((index) => index.indexName));
  for (const index of TABLE_SCHEMA.globalSecondaryIndexes) {
    if (present.has(index.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions(),
        GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
      }),
    );
    await untilIndexActive(client, tableName, index.indexName);
    if (index.indexName === 'bySubmissionDay') await backfillSubmittedDay(client, tableName);
  }
  for (const indexName of present) {
    if (declared.has(indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: indexName } }],
      }),
    );
    await untilIndexGone(client, tableName, indexName);
  }
};

/**
 * Creates the table from the shared declaration unless it exists (then adds any index it lacks);
 * returns its stream ARN.
 */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<string> => {
  const existing = await describeTable(client, tableName);
  if (existing?.LatestStreamArn) {
    await upgradeIndexes(client, tableName, existing);
    return existing.LatestStreamArn;
  }
  const { TableDescription } = await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributeDefinitions(),
      KeySchema: [
        { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_SCHEMA.globalSecondaryIndexes.map(indexDefinition),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.timeToLiveAttribute, Enabled: true },
    }),
  );
  if (!TableDescription?.LatestStreamArn) throw new Error(`Table ${tableName} has no stream`);
  return TableDescription.LatestStreamArn;
};
