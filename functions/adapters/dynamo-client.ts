import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { recordConsumedCapacity } from './consumed-capacity.ts';

// One client per container, created lazily; one file per AWS client, so a handler loads only the
// SDK clients it uses (each one costs cold-start time). Endpoints come from the standard
// AWS_ENDPOINT_URL_* variables, which is how the local runtime points the unchanged handlers at its
// emulators.
let documentClient: DynamoDBDocumentClient | undefined;

export const dynamo = (): DynamoDBDocumentClient => {
  if (!documentClient) {
    const client = new DynamoDBClient({});
    recordConsumedCapacity(client);
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }
  return documentClient;
};
