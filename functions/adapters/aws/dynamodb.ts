import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type {
  GetCommandInput,
  GetCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  TransactWriteCommandInput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { awsRequest, type AwsService } from './aws-request.ts';

const DYNAMODB: AwsService = {
  signingName: 'dynamodb',
  endpointPrefix: 'dynamodb',
  endpointVariable: 'DYNAMODB',
  jsonVersion: '1.0',
  targetPrefix: 'DynamoDB_20120810',
};

type Document = Record<string, unknown>;
type WireItem = Record<string, AttributeValue>;
type Output<T> = Omit<T, '$metadata'>;

// As lib-dynamodb's DocumentClient was configured: undefined attributes are left out.
const toWire = (document: Document): WireItem => marshall(document, { removeUndefinedValues: true });
const toWireIfAny = (document: Document | undefined) => (document ? toWire(document) : undefined);
const fromWire = (item: WireItem | undefined) => (item ? unmarshall(item) : undefined);

/** Key, item and expression values marshalled; everything else of a request goes as it is. */
const wireRequest = <T extends { Key?: Document; Item?: Document; ExpressionAttributeValues?: Document }>(
  request: T,
) => ({
  ...request,
  Key: toWireIfAny(request.Key),
  Item: toWireIfAny(request.Item),
  ExpressionAttributeValues: toWireIfAny(request.ExpressionAttributeValues),
});

/**
 * Benchmarks only: when CONSUMED_CAPACITY_LOG names a file, every call asks for ReturnConsumedCapacity
 * TOTAL and appends one JSON line (operation, capacity) to that file. Unset (always, in AWS), requests
 * are unchanged.
 */
const call = async <T>(operation: string, body: Document): Promise<T> => {
  const log = process.env.CONSUMED_CAPACITY_LOG;
  const output = await awsRequest<T & { ConsumedCapacity?: unknown }>(DYNAMODB, {
    operation,
    body: log ? { ReturnConsumedCapacity: 'TOTAL', ...body } : body,
  });
  if (log)
    appendFileSync(log, `${JSON.stringify({ operation, capacity: output.ConsumedCapacity ?? null })}\n`);
  return output;
};

/**
 * The DynamoDB operations the functions use, taking and returning plain objects like lib-dynamodb's
 * DocumentClient (same input and output types), over the DynamoDB JSON protocol.
 */
export const documentDb = {
  async get(input: GetCommandInput): Promise<Output<GetCommandOutput>> {
    const output = await call<{ Item?: WireItem }>('GetItem', wireRequest(input));
    return { Item: fromWire(output.Item) };
  },

  async query(input: QueryCommandInput): Promise<Output<QueryCommandOutput>> {
    const output = await call<{ Items?: WireItem[]; LastEvaluatedKey?: WireItem; Count?: number }>('Query', {
      ...wireRequest(input),
      ExclusiveStartKey: toWireIfAny(input.ExclusiveStartKey),
    });
    return {
      Items: (output.Items ?? []).map((item) => unmarshall(item)),
      LastEvaluatedKey: fromWire(output.LastEvaluatedKey),
      Count: output.Count,
    };
  },

  async update(input: UpdateCommandInput): Promise<Output<UpdateCommandOutput>> {
    const output = await call<{ Attributes?: WireItem }>('UpdateItem', wireRequest(input));
    return { Attributes: fromWire(output.Attributes) };
  },

  /**
   * A ClientRequestToken, as the SDK adds one: a retry after a lost answer is then recognised by
   * DynamoDB instead of failing its own conditions.
   */
  async transactWrite(input: TransactWriteCommandInput): Promise<void> {
    const items = (input.TransactItems ?? []).map((item) => ({
      ConditionCheck: item.ConditionCheck && wireRequest(item.ConditionCheck),
      Put: item.Put && wireRequest(item.Put),
      Delete: item.Delete && wireRequest(item.Delete),
      Update: item.Update && wireRequest(item.Update),
    }));
    await call('TransactWriteItems', {
      ...input,
      TransactItems: items,
      ClientRequestToken: input.ClientRequestToken ?? randomUUID(),
    });
  },
};
