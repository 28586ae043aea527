import { awsRequest, type AwsService } from './aws-request.ts';

const SECRETS_MANAGER: AwsService = {
  signingName: 'secretsmanager',
  endpointPrefix: 'secretsmanager',
  endpointVariable: 'SECRETS_MANAGER',
  jsonVersion: '1.1',
  targetPrefix: 'secretsmanager',
};

/** The current string value of a secret (GetSecretValue over the JSON protocol). */
export const getSecretString = async (secretId: string): Promise<string> => {
  const { SecretString } = await awsRequest<{ SecretString?: string }>(SECRETS_MANAGER, {
    operation: 'GetSecretValue',
    body: { SecretId: secretId },
  });
  if (SecretString === undefined) throw new Error(`Secret ${secretId} has no string value`);
  return SecretString;
};
