import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordConsumedCapacity } from './consumed-capacity.ts';

// One client per container, created lazily. Endpoints come from the standard AWS_ENDPOINT_URL_*
// variables, which is how the local runtime points the unchanged handlers at its emulators.
let documentClient: DynamoDBDocumentClient | undefined;
let sfnClient: SFNClient | undefined;
let sesClient: SESv2Client | undefined;

const dynamoDbClient = (): DynamoDBClient => {
  const client = new DynamoDBClient({});
  recordConsumedCapacity(client);
  return client;
};

export const dynamo = (): DynamoDBDocumentClient =>
  (documentClient ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  }));

export const sfn = (): SFNClient => (sfnClient ??= new SFNClient({}));

export const ses = (): SESv2Client => (sesClient ??= new SESv2Client({}));
