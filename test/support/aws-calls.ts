import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { itemKeys } from '../../functions/adapters/table.ts';

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
  // Every function that reads the policy first asks which version is active (adapters/policy-source.ts):
  // none is stored, so the seed (the policy file) is.
  dynamo.on(GetCommand, { Key: itemKeys.policyActive() }).resolves({});
  stepFunctions.reset().onAnyCommand().callsFake(unexpected);
  ses.reset().onAnyCommand().callsFake(unexpected);
  secrets.reset().onAnyCommand().callsFake(unexpected);
  s3.reset().onAnyCommand().callsFake(unexpected);
};

const isPolicyRefresh = (call: ReturnType<typeof dynamo.call>): boolean => {
  const input = call.args[0].input as { Key?: Record<string, unknown> };
  return (
    call.args[0] instanceof GetCommand &&
    input.Key?.pk === itemKeys.policyActive().pk &&
    input.Key.sk === itemKeys.policyActive().sk
  );
};

/**
 * Every call the functions made, on any client, besides the policy refresh before an invocation (the
 * GetItem of the active policy version, at most one per POLICY_REFRESH_SECONDS: it reads no request's
 * data, and whether a test makes it depends on the tests before it in the file).
 */
export const allAwsCalls = (): unknown[] => [
  ...dynamo.calls().filter((call) => !isPolicyRefresh(call)),
  ...stepFunctions.calls(),
  ...ses.calls(),
  ...secrets.calls(),
  ...s3.calls(),
];
