import { SESClient } from '@aws-sdk/client-ses';
import { AWS_CLIENT_OPTIONS } from './aws-client-options.ts';
import { tracer } from './tracer.ts';

/** The SES (v1 API) client of this container (created once, traced). */
export const sesClient = tracer.captureAWSv3Client(new SESClient(AWS_CLIENT_OPTIONS));
