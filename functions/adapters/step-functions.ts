import { SFNClient } from '@aws-sdk/client-sfn';
import { AWS_CLIENT_OPTIONS } from './aws-client-options.ts';
import { tracer } from './tracer.ts';

/** The Step Functions client of this container (created once, traced). */
export const stepFunctionsClient = tracer.captureAWSv3Client(new SFNClient(AWS_CLIENT_OPTIONS));
