import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { environment } from './config.ts';

/** Cache the key for five minutes so a rotated secret is picked up without a redeploy. */
const SECRET_MAX_AGE_SECONDS = 300;

/**
 * The key that signs customer tokens: given directly in TOKEN_SIGNING_KEY (local runtime) or read
 * from Secrets Manager (AWS), base64 either way.
 */
export const signingKey = async (): Promise<Buffer> => {
  const { TOKEN_SIGNING_KEY, TOKEN_SIGNING_SECRET_ARN } = environment();
  const encoded =
    TOKEN_SIGNING_KEY ??
    (TOKEN_SIGNING_SECRET_ARN
      ? await getSecret<string>(TOKEN_SIGNING_SECRET_ARN, { maxAge: SECRET_MAX_AGE_SECONDS })
      : undefined);
  if (!encoded) throw new Error('No token signing key: set TOKEN_SIGNING_KEY or TOKEN_SIGNING_SECRET_ARN');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 32) throw new Error('The token signing key must be at least 32 bytes');
  return key;
};
