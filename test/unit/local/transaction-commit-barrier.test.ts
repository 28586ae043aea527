import { DynamoDBClient, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { HttpRequest } from '@smithy/types';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { awaitTransactionCommit } from '../../../local/transaction-commit-barrier.ts';

/** A client whose requests go to `answer` (by operation) and are recorded in order, body included. */
const recordingClient = (answer: (operation: string) => { status: number; body: object }) => {
  const sent: { operation: string; body: Record<string, unknown> }[] = [];
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    endpoint: 'http://127.0.0.1:9',
    maxAttempts: 1,
    requestHandler: {
      handle: (request: HttpRequest) => {
        const operation = String(request.headers['x-amz-target']).split('.')[1]!;
        const text =
          typeof request.body === 'string'
            ? request.body
            : Buffer.from(request.body as Uint8Array).toString();
        sent.push({ operation, body: JSON.parse(text) as Record<string, unknown> });
        const { status, body } = answer(operation);
        return Promise.resolve({
          response: {
            statusCode: status,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        });
      },
    },
  });
  awaitTransactionCommit(client);
  return { client, sent };
};

const transaction = new TransactWriteItemsCommand({
  TransactItems: [
    { Put: { TableName: 'complaints', Item: { pk: { S: 'COMPLAINT#1' }, sk: { S: 'COMPLAINT' } } } },
  ],
});

describe('the local runtime’s transaction commit barrier', () => {
  it('reads a key of the same table after a transaction succeeds, before the caller sees the success', async () => {
    const { client, sent } = recordingClient(() => ({ status: 200, body: {} }));

    await client.send(transaction);

    expect(sent.map((request) => request.operation)).toEqual(['TransactWriteItems', 'GetItem']);
    expect(sent[1]!.body).toMatchObject({
      TableName: 'complaints',
      Key: { pk: { S: 'LOCAL#TRANSACTION-COMMIT-BARRIER' }, sk: { S: 'LOCAL#TRANSACTION-COMMIT-BARRIER' } },
    });
  });

  it('also waits for the transactions the functions send through the document client', async () => {
    const { client, sent } = recordingClient(() => ({ status: 200, body: {} }));

    await DynamoDBDocumentClient.from(client).send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: 'complaints',
              Key: { pk: 'A', sk: 'B' },
              UpdateExpression: 'SET x = :x',
              ExpressionAttributeValues: { ':x': 1 },
            },
          },
        ],
      }),
    );

    expect(sent.map((request) => request.operation)).toEqual(['TransactWriteItems', 'GetItem']);
  });

  it('fails the transaction call when the barrier read fails: the commit is not known, so nothing is acknowledged', async () => {
    const { client } = recordingClient((operation) =>
      operation === 'GetItem'
        ? {
            status: 500,
            body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'down' },
          }
        : { status: 200, body: {} },
    );

    await expect(client.send(transaction)).rejects.toMatchObject({ name: 'InternalServerError' });
  });

  it('adds nothing to a failed transaction or to other calls, whose answers DynamoDB Local gives after their commit', async () => {
    const { client, sent } = recordingClient((operation) =>
      operation === 'TransactWriteItems'
        ? {
            status: 400,
            body: {
              __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
              message: 'no',
              CancellationReasons: [{ Code: 'ConditionalCheckFailed' }],
            },
          }
        : { status: 200, body: {} },
    );

    await expect(client.send(transaction)).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    await client.send(
      new PutItemCommand({ TableName: 'complaints', Item: { pk: { S: 'A' }, sk: { S: 'B' } } }),
    );

    expect(sent.map((request) => request.operation)).toEqual(['TransactWriteItems', 'PutItem']);
  });
});
