import { getSecretString } from './aws/secrets-manager.ts';
import { environment } from './config.ts';

/** Cache the key for five minutes so a rotated secret is picked up without a redeploy. */
const SECRET_MAX_AGE_MS = 300_000;

let cached: { secretId: string; value: Promise<string>; fetchedAt: number } | undefined;

/** The secret's value, fetched at most once per SECRET_MAX_AGE_MS; a failed fetch is not kept. */
const cachedSecret = (secretId: string, now: number): Promise<string> => {
  if (!cached || cached.secretId !== secretId || now - cached.fetchedAt > SECRET_MAX_AGE_MS) {
    const value = getSecretString(secretId);
    const entry = { secretId, value, fetchedAt: now };
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    cached = entry;
  }
  return cached.value;
};

/**
 * The key that signs customer tokens: given directly in TOKEN_SIGNING_KEY (local runtime) or read
 * from Secrets Manager (AWS), base64 either way.
 */
export const signingKey = async (): Promise<Buffer> => {
  const { TOKEN_SIGNING_KEY, TOKEN_SIGNING_SECRET_ARN } = environment();
  const encoded =
    TOKEN_SIGNING_KEY ??
    (TOKEN_SIGNING_SECRET_ARN ? await cachedSecret(TOKEN_SIGNING_SECRET_ARN, Date.now()) : undefined);
  if (!encoded) throw new Error('No token signing key: set TOKEN_SIGNING_KEY or TOKEN_SIGNING_SECRET_ARN');
  const key = Buffer.from(encoded, 'base64');
  if (key.length < 32) throw new Error('The token signing key must be at least 32 bytes');
  return key;
};
