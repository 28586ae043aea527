import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * SigV4 for S3 without the S3 client: presigned URLs and POST policy signatures, signed with the
 * function's own credentials (Lambda puts them in the environment). The S3 presigners
 * (@aws-sdk/s3-request-presigner, @aws-sdk/s3-presigned-post) do exactly this through an S3Client,
 * whose ~160 KB of minified operations and serializers pushed each evidence function past the 600 KB
 * bundle ceiling (test/infra/bundles.test.ts); SignatureV4 is the same signer they use.
 */

const region = () => process.env.AWS_REGION ?? 'us-east-1';

let signer: SignatureV4 | undefined;
const s3Signer = () =>
  (signer ??= new SignatureV4({
    credentials: fromEnv(),
    region: region(),
    service: 's3',
    sha256: Sha256,
    // S3 signs the path as sent, without SigV4's second encoding.
    uriEscapePath: false,
  }));

export interface BucketAddress {
  protocol: string;
  hostname: string;
  port?: number | undefined;
  /** The path of the bucket itself: `/` (virtual-hosted, AWS) or `/<bucket>/` (path-style, emulator). */
  basePath: string;
}

/**
 * Where a bucket is addressed: virtual-hosted on AWS; path-style on an emulator named by
 * AWS_ENDPOINT_URL_S3 (a loopback address has no bucket subdomains).
 */
export const bucketAddress = (bucket: string): BucketAddress => {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3;
  if (endpoint) {
    const url = new URL(endpoint);
    return {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      basePath: `/${bucket}/`,
    };
  }
  return { protocol: 'https:', hostname: `${bucket}.s3.${region()}.amazonaws.com`, basePath: '/' };
};

const origin = ({ protocol, hostname, port }: BucketAddress) =>
  `${protocol}//${hostname}${port === undefined ? '' : `:${port}`}`;

/** The URL a browser posts an upload form to. */
export const bucketUrl = (bucket: string): string => {
  const address = bucketAddress(bucket);
  return `${origin(address)}${address.basePath.replace(/\/$/u, '')}`;
};

/** A presigned GET of `key` (keys here are ASCII: complaints/<ULID>/<ULID>), with extra query parameters. */
export const presignGet = async (
  bucket: string,
  key: string,
  expiresIn: number,
  query: Record<string, string> = {},
): Promise<string> => {
  const address = bucketAddress(bucket);
  const host = address.port === undefined ? address.hostname : `${address.hostname}:${address.port}`;
  const signed = await s3Signer().presign(
    new HttpRequest({
      method: 'GET',
      protocol: address.protocol,
      hostname: address.hostname,
      port: address.port,
      path: `${address.basePath}${key}`,
      query,
      // S3 signs presigned requests without a payload hash.
      headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    }),
    { expiresIn },
  );
  const search = new URLSearchParams(signed.query as Record<string, string>).toString();
  return `${origin(address)}${signed.path}?${search}`;
};

const amzDate = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/gu, '')
    .replace(/\.\d{3}/u, '');

/**
 * A POST policy form (S3's browser-based upload): the fields to post before the file, exact matches on
 * everything given in `fields`, plus the conditions (content-length-range …), signed.
 */
export const presignPost = async (
  bucket: string,
  fields: Record<string, string>,
  conditions: unknown[],
  expiresIn: number,
  now = new Date(),
): Promise<{ url: string; fields: Record<string, string> }> => {
  const credentials = await fromEnv()();
  const date = amzDate(now);
  const signingFields: Record<string, string> = {
    ...fields,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${date.slice(0, 8)}/${region()}/s3/aws4_request`,
    'X-Amz-Date': date,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  const policy = Buffer.from(
    JSON.stringify({
      expiration: new Date(now.getTime() + expiresIn * 1000).toISOString(),
      conditions: [
        { bucket },
        ...Object.entries(signingFields).map(([name, value]) => ({ [name]: value })),
        ...conditions,
      ],
    }),
  ).toString('base64');
  const signature = await s3Signer().sign(policy, { signingDate: now });
  return {
    url: bucketUrl(bucket),
    fields: { ...signingFields, Policy: policy, 'X-Amz-Signature': signature },
  };
};
