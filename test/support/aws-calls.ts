import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

/** The SDK clients the functions use, mocked at the client (aws-sdk-client-mock): every instance answers here. */
export const dynamo = mockClient(DynamoDBDocumentClient);
export const stepFunctions = mockClient(SFNClient);
export const ses = mockClient(SESClient);
export const secrets = mockClient(SecretsManagerClient);
export const s3 = mockClient(S3Client);

/**
 * For handler tests, in beforeEach: every AWS call rejects ("unexpected SendEmailCommand") until the
 * test gives it an answer, so no test reaches a network and an unplanned call fails loudly.
 */
export const stubAwsCalls = (): void => {
  const unexpected = (input: unknown) => {
    throw new Error(`unexpected AWS call ${JSON.stringify(input).slice(0, 200)}`);
  };
  dynamo.reset().onAnyCommand().callsFake(unexpected);
  stepFunctions.reset().onAnyCommand().callsFake(unexpected);
  ses.reset().onAnyCommand().callsFake(unexpected);
  secrets.reset().onAnyCommand().callsFake(unexpected);
  s3.reset().onAnyCommand().callsFake(unexpected);
};

/** Every call the functions made, on any client. */
export const allAwsCalls = (): unknown[] => [
  ...dynamo.calls(),
  ...stepFunctions.calls(),
  ...ses.calls(),
  ...secrets.calls(),
  ...s3.calls(),
];
