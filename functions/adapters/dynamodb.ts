import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AWS_CLIENT_OPTIONS } from './aws-client-options.ts';
import { tracer } from './tracer.ts';

/** The DynamoDB client of this container (created once, traced). */
export const dynamoDbClient = tracer.captureAWSv3Client(new DynamoDBClient(AWS_CLIENT_OPTIONS));

/** Plain objects in and out; attributes that are `undefined` are left out rather than refused. */
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
