import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { AWS_CLIENT_OPTIONS } from './aws-client-options.ts';
import { tracer } from './tracer.ts';

/** The Cognito user pools client of this container (created once, traced): the staff directory. */
export const cognitoClient = tracer.captureAWSv3Client(new CognitoIdentityProviderClient(AWS_CLIENT_OPTIONS));
