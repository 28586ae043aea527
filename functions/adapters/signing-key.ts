import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { AWS_CLIENT_OPTIONS } from './aws-client-options.ts';
import { environment } from './config.ts';
import { tracer } from './tracer.ts';

/** Cache the key for five minutes so a rotated secret is picked up without a redeploy. */
const SECRET_MAX_AGE_SECONDS = 300;

// Powertools Parameters keeps the value per container for maxAge (and never caches a failed fetch);
// the SDK client under it is configured and traced like every other.
const secrets = new SecretsProvider({
  awsSdkV3Client: tracer.captureAWSv3Client(new SecretsManagerClient(AWS_CLIENT_OPTIONS)),
});

const secretString = async (secretId: string): Promise<string> => {
  const value = await secrets.get(secretId, { maxAge: SECRET_MAX_AGE_SECONDS });
  if (typeof value !== 'string') throw new Error(`Secret ${secretId} has no string value`);
  return value;
};

/**
 * The key that signs customer tokens: given directly in TOKEN_SIGNING_KEY (local runtime) or read
 * from Secrets Manager (AWS), base64 either way.
 */
export const signingKey = async (): Promise<Buffer> => {
  const { TOKEN_SIGNING_KEY, TOKEN_SIGNING_SECRET_ARN } = environment();
  const encoded =
    TOKEN_SIGNING_KEY ??
    (TOKEN_SIGNING_SECRET_ARN ? await secretString(TOKEN_SIGNING_SECRET_ARN) : undefined);
  if (!encoded) throw new Error('No token signing key: set TOKEN_SIGNING_KEY or TOKEN_SIGNING_SECRET_ARN');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 32) throw new Error('The token signing key must be at least 32 bytes');
  return key;
};
