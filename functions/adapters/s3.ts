import { S3Client } from '@aws-sdk/client-s3';
import { AWS_CLIENT_OPTIONS } from './aws-client-options.ts';
import { tracer } from './tracer.ts';

/**
 * The S3 client of this container (created once, traced). Locally AWS_ENDPOINT_URL_S3 points at the S3
 * emulator on a loopback address, where bucket names cannot be host names: path-style addressing then.
 */
export const s3Client = tracer.captureAWSv3Client(
  new S3Client({ ...AWS_CLIENT_OPTIONS, forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
);
