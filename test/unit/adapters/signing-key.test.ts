import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const getSecretString = vi.fn<(secretId: string) => Promise<string>>();
vi.mock('../../../functions/adapters/aws/secrets-manager.ts', () => ({ getSecretString }));

const KEY = Buffer.alloc(32, 7).toString('base64');

const freshSigningKey = async () => {
  vi.resetModules();
  return (await import('../../../functions/adapters/signing-key.ts')).signingKey;
};

describe('signingKey from Secrets Manager', () => {
  beforeEach(() => {
    getSecretString.mockReset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T08:00:00Z'));
    vi.stubEnv('TABLE_NAME', 'complaints');
    vi.stubEnv('TOKEN_SIGNING_KEY', undefined);
    vi.stubEnv('TOKEN_SIGNING_SECRET_ARN', 'arn:aws:secretsmanager:eu-west-1:1:secret:signing');
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('fetches the secret once per five minutes, so a rotation is picked up', async () => {
    getSecretString.mockResolvedValue(KEY);
    const signingKey = await freshSigningKey();

    expect(await signingKey()).toEqual(Buffer.alloc(32, 7));
    vi.setSystemTime(new Date('2026-11-23T08:05:00Z'));
    await signingKey();
    expect(getSecretString).toHaveBeenCalledTimes(1);

    vi.setSystemTime(new Date('2026-11-23T08:05:01Z'));
    await signingKey();
    expect(getSecretString).toHaveBeenCalledTimes(2);
    expect(getSecretString).toHaveBeenCalledWith('arn:aws:secretsmanager:eu-west-1:1:secret:signing');
  });

  it('does not keep a failed fetch: the next call tries again', async () => {
    getSecretString.mockRejectedValueOnce(new Error('throttled')).mockResolvedValue(KEY);
    const signingKey = await freshSigningKey();

    await expect(signingKey()).rejects.toThrow('throttled');
    expect(await signingKey()).toEqual(Buffer.alloc(32, 7));
    expect(getSecretString).toHaveBeenCalledTimes(2);
  });

  it('refuses a key shorter than 32 bytes', async () => {
    getSecretString.mockResolvedValue(Buffer.alloc(16).toString('base64'));
    const signingKey = await freshSigningKey();

    await expect(signingKey()).rejects.toThrow('at least 32 bytes');
  });
});
