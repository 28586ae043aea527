import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsServiceError, cancellationCodes, isAwsError } from '../../../functions/adapters/aws/aws-error.ts';
import { documentDb } from '../../../functions/adapters/aws/dynamodb.ts';
import { getSecretString } from '../../../functions/adapters/aws/secrets-manager.ts';
import { sesV2 } from '../../../functions/adapters/aws/ses.ts';
import { stepFunctions } from '../../../functions/adapters/aws/step-functions.ts';

/**
 * The AWS wire clients against a local HTTP server that checks each request as AWS would: the SigV4
 * signature is recomputed with the AWS SDK's own signer (@smithy/signature-v4) over the headers the
 * request says it signed, then the server answers what the test scripted.
 */
interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  signatureValid: boolean;
  signingScope: string;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const REGION = 'eu-west-1';

let server: Server;
let received: Received[] = [];
let answers: Answer[] = [];

const verifySignature = async (
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: string,
): Promise<{ valid: boolean; scope: string }> => {
  const authorization = String(headers.authorization ?? '');
  const match =
    /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/u.exec(
      authorization,
    );
  if (!match) return { valid: false, scope: '' };
  const [, , region, service, signedHeaders, signature] = match;
  const signed = Object.fromEntries(
    signedHeaders!.split(';').map((name) => [name, String(headers[name] ?? '')]),
  );
  const amzDate = String(headers['x-amz-date']);
  const signingDate = new Date(
    `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
  );
  const signer = new SignatureV4({
    credentials: { ...CREDENTIALS, sessionToken: headers['x-amz-security-token'] as string | undefined },
    region: region!,
    service: service!,
    sha256: Sha256,
    // The payload hash goes into the signature either way; this header is S3's, not these services'.
    applyChecksum: false,
  });
  const [pathname, query = ''] = path.split('?');
  const expected = await signer.sign(
    {
      method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: pathname!,
      query: Object.fromEntries(new URLSearchParams(query)),
      headers: signed,
      body,
    },
    { signingDate, unsignableHeaders: new Set(), signableHeaders: new Set(Object.keys(signed)) },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})/u.exec(String(expected.headers.authorization))?.[1];
  return { valid: expectedSignature === signature, scope: `${region}/${service}` };
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const { valid, scope } = await verifySignature(request.method!, request.url!, request.headers, text);
        received.push({
          method: request.method!,
          path: request.url!,
          headers: request.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          signatureValid: valid,
          signingScope: scope,
        });
        const answer = answers.shift() ?? { status: 200, body: {} };
        if (answer === 'drop') {
          request.socket.destroy();
          return;
        }
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      })();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});

afterAll(() => server.close());

beforeEach(() => {
  received = [];
  answers = [];
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', 'session-token-from-lambda');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
  vi.stubEnv('AWS_ENDPOINT_URL_SFN', endpoint);
  vi.stubEnv('AWS_ENDPOINT_URL_SESV2', endpoint);
  vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', endpoint);
  vi.stubEnv('CONSUMED_CAPACITY_LOG', undefined);
});

afterEach(() => vi.unstubAllEnvs());

const only = (): Received => {
  expect(received).toHaveLength(1);
  return received[0]!;
};

describe('DynamoDB over its JSON protocol', () => {
  it('signs for dynamodb in the region, names the operation and marshals the key', async () => {
    answers.push({
      status: 200,
      body: { Item: { pk: { S: 'C#1' }, n: { N: '3' }, tags: { L: [{ S: 'a' }] } } },
    });

    const output = await documentDb.get({
      TableName: 'complaints',
      Key: { pk: 'C#1', sk: 'C' },
      ConsistentRead: true,
    });

    expect(output).toEqual({ Item: { pk: 'C#1', n: 3, tags: ['a'] } });
    const request = only();
    expect(request).toMatchObject({
      method: 'POST',
      path: '/',
      signatureValid: true,
      signingScope: `${REGION}/dynamodb`,
    });
    expect(request.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(request.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request.headers['x-amz-security-token']).toBe('session-token-from-lambda');
    expect(request.body).toEqual({
      TableName: 'complaints',
      Key: { pk: { S: 'C#1' }, sk: { S: 'C' } },
      ConsistentRead: true,
    });
  });

  it('marshals expression values and the start key of a query, and unmarshals the page', async () => {
    answers.push({
      status: 200,
      body: {
        Items: [{ pk: { S: 'a' }, open: { BOOL: true } }],
        Count: 1,
        LastEvaluatedKey: { pk: { S: 'a' } },
      },
    });

    const page = await documentDb.query({
      TableName: 'complaints',
      IndexName: 'queue',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'a', ':gone': undefined },
      ExclusiveStartKey: { pk: 'z' },
    });

    expect(page).toEqual({ Items: [{ pk: 'a', open: true }], Count: 1, LastEvaluatedKey: { pk: 'a' } });
    expect(only().body).toEqual({
      TableName: 'complaints',
      IndexName: 'queue',
      KeyConditionExpression: 'pk = :pk',
      // undefined values are left out, as the DocumentClient was configured (removeUndefinedValues)
      ExpressionAttributeValues: { ':pk': { S: 'a' } },
      ExclusiveStartKey: { pk: { S: 'z' } },
    });
  });

  it('marshals every item of a transaction and keeps one ClientRequestToken across retries', async () => {
    answers.push({ status: 500, body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError' } });
    answers.push({ status: 200, body: {} });

    await documentDb.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: 't',
            Item: { pk: 'p', list: [1] },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: 't',
            Key: { pk: 'k' },
            UpdateExpression: 'SET v = :v',
            ExpressionAttributeValues: { ':v': 2 },
          },
        },
      ],
    });

    expect(received).toHaveLength(2);
    const [first, second] = received;
    expect(first!.body).toEqual({
      TransactItems: [
        {
          Put: {
            TableName: 't',
            Item: { pk: { S: 'p' }, list: { L: [{ N: '1' }] } },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: 't',
            Key: { pk: { S: 'k' } },
            UpdateExpression: 'SET v = :v',
            ExpressionAttributeValues: { ':v': { N: '2' } },
          },
        },
      ],
      ClientRequestToken: expect.stringMatching(/^[0-9a-f-]{36}$/u) as unknown,
    });
    expect(second!.body.ClientRequestToken).toBe(first!.body.ClientRequestToken);
  });

  it('raises a conditional failure as a named error at once, without retrying', async () => {
    answers.push({
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      },
    });

    const error = await documentDb
      .update({
        TableName: 't',
        Key: { pk: 'k' },
        UpdateExpression: 'SET v = :v',
        ExpressionAttributeValues: { ':v': 1 },
      })
      .catch((caught: unknown) => caught);

    expect(isAwsError(error, 'ConditionalCheckFailedException')).toBe(true);
    expect(error).toMatchObject({ message: 'The conditional request failed', status: 400 });
    expect(received).toHaveLength(1);
  });

  it('exposes the cancellation reasons of a cancelled transaction', async () => {
    answers.push({
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        Message: 'Transaction cancelled',
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'failed' }],
      },
    });

    const error = await documentDb.transactWrite({ TransactItems: [] }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AwsServiceError);
    expect(cancellationCodes(error)).toEqual(['None', 'ConditionalCheckFailed']);
    expect(cancellationCodes(new Error('other'))).toEqual([]);
  });

  it('retries throttling three times in all, then gives up with the service error', async () => {
    const throttled = {
      status: 400,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException' },
    };
    answers.push(throttled, throttled, throttled, { status: 200, body: {} });

    const error = await documentDb
      .get({ TableName: 't', Key: { pk: 'k' } })
      .catch((caught: unknown) => caught);

    expect(isAwsError(error, 'ThrottlingException')).toBe(true);
    expect(received).toHaveLength(3);
  });

  it('retries a dropped connection and succeeds when the service answers again', async () => {
    answers.push('drop', { status: 200, body: { Item: { pk: { S: 'k' } } } });

    expect(await documentDb.get({ TableName: 't', Key: { pk: 'k' } })).toEqual({ Item: { pk: 'k' } });
    expect(received).toHaveLength(2);
  });

  it('takes the endpoint from AWS_ENDPOINT_URL too, with or without a trailing slash', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', `${process.env.AWS_ENDPOINT_URL_SESV2}/`);
    vi.stubEnv('AWS_ENDPOINT_URL_SESV2', undefined);
    answers.push({ status: 200, body: { MessageId: 'm-2' } });

    expect(await sesV2.sendEmail({ Content: {} })).toBe('m-2');
    expect(only().path).toBe('/v2/email/outbound-emails');
  });

  it('throws when nothing listens, after its retries', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', 'http://127.0.0.1:9');
    await expect(documentDb.get({ TableName: 't', Key: { pk: 'k' } })).rejects.toThrow(TypeError);
  });

  it('records consumed capacity per operation when CONSUMED_CAPACITY_LOG is set (benchmarks)', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'capacity-')), 'capacity.jsonl');
    vi.stubEnv('CONSUMED_CAPACITY_LOG', log);
    answers.push({
      status: 200,
      body: { Items: [], ConsumedCapacity: { TableName: 't', CapacityUnits: 0.5 } },
    });

    await documentDb.query({
      TableName: 't',
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'a' },
    });

    expect(only().body.ReturnConsumedCapacity).toBe('TOTAL');
    expect(readFileSync(log, 'utf8')).toBe(
      `${JSON.stringify({ operation: 'Query', capacity: { TableName: 't', CapacityUnits: 0.5 } })}\n`,
    );
  });

  it('refuses to call without credentials in the environment', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    await expect(documentDb.get({ TableName: 't', Key: { pk: 'k' } })).rejects.toThrow('No AWS credentials');
    expect(received).toHaveLength(0);
  });
});

describe('Step Functions, SES v2 and Secrets Manager', () => {
  it('starts an execution under the states signing name and reports an existing one by name', async () => {
    answers.push({ status: 200, body: { executionArn: 'arn:x', startDate: 1.7e9 } });
    answers.push({
      status: 400,
      body: { __type: 'com.amazonaws.swf.service.model#ExecutionAlreadyExists', message: 'exists' },
    });
    const input = { stateMachineArn: 'arn:sm', name: 'C1', input: '{"complaintId":"C1"}' };

    expect(await stepFunctions.startExecution(input)).toMatchObject({ executionArn: 'arn:x' });
    const again = await stepFunctions.startExecution(input).catch((caught: unknown) => caught);

    expect(isAwsError(again, 'ExecutionAlreadyExists')).toBe(true);
    expect(received[0]).toMatchObject({
      signatureValid: true,
      signingScope: `${REGION}/states`,
      body: input,
    });
    expect(received[0]!.headers['x-amz-target']).toBe('AWSStepFunctions.StartExecution');
    expect(received[0]!.headers['content-type']).toBe('application/x-amz-json-1.0');
  });

  it('answers a task token', async () => {
    await stepFunctions.sendTaskSuccess({ taskToken: 'token', output: '{}' });
    expect(only().headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskSuccess');
    expect(only().body).toEqual({ taskToken: 'token', output: '{}' });
  });

  it('sends an email to the SES v2 REST path and returns its message id', async () => {
    answers.push({ status: 200, body: { MessageId: 'm-1' } });
    const input = {
      FromEmailAddress: 'complaints@example.com',
      Destination: { ToAddresses: ['a@example.com'] },
      Content: { Simple: { Subject: { Data: '您好' }, Body: { Text: { Data: 'text' } } } },
    };

    expect(await sesV2.sendEmail(input)).toBe('m-1');
    expect(only()).toMatchObject({
      method: 'POST',
      path: '/v2/email/outbound-emails',
      signatureValid: true,
      signingScope: `${REGION}/ses`,
      body: input,
    });
    expect(only().headers['x-amz-target']).toBeUndefined();
  });

  it("takes a REST error's code from the X-Amzn-ErrorType header", async () => {
    answers.push({
      status: 400,
      headers: { 'x-amzn-errortype': 'MessageRejected:http://internal.amazon.com/coral/com.amazon.ses/' },
      body: { message: 'Email address is not verified.' },
    });

    const error = await sesV2.sendEmail({ Content: {} }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      name: 'MessageRejected',
      message: 'Email address is not verified.',
      status: 400,
    });
  });

  it('reads a secret string over the 1.1 JSON protocol', async () => {
    answers.push({ status: 200, body: { SecretString: 'c2VjcmV0', Name: 'signing' } });

    expect(await getSecretString('arn:secret')).toBe('c2VjcmV0');
    expect(only()).toMatchObject({ signatureValid: true, signingScope: `${REGION}/secretsmanager` });
    expect(only().headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(only().headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(only().body).toEqual({ SecretId: 'arn:secret' });
  });
});
