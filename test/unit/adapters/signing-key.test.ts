import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const secrets = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:secretsmanager:eu-west-1:1:secret:signing';
const KEY = Buffer.alloc(32, 7).toString('base64');

const freshSigningKey = async () => {
  vi.resetModules();
  return (await import('../../../functions/adapters/signing-key.ts')).signingKey;
};

describe('signingKey from Secrets Manager (Powertools Parameters)', () => {
  beforeEach(() => {
    secrets.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T08:00:00Z'));
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('TABLE_NAME', 'complaints');
    vi.stubEnv('TOKEN_SIGNING_KEY', undefined);
    vi.stubEnv('TOKEN_SIGNING_SECRET_ARN', ARN);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('fetches the secret once per five minutes, so a rotation is picked up', async () => {
    secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: KEY });
    const signingKey = await freshSigningKey();

    expect(await signingKey()).toEqual(Buffer.alloc(32, 7));
    vi.setSystemTime(new Date('2026-11-23T08:04:59Z'));
    await signingKey();
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);

    vi.setSystemTime(new Date('2026-11-23T08:05:01Z'));
    await signingKey();
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: ARN });
  });

  it('does not keep a failed fetch: the next call tries again', async () => {
    secrets.on(GetSecretValueCommand).rejectsOnce(new Error('throttled')).resolves({ SecretString: KEY });
    const signingKey = await freshSigningKey();

    await expect(signingKey()).rejects.toThrow();
    expect(await signingKey()).toEqual(Buffer.alloc(32, 7));
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('refuses a key shorter than 32 bytes', async () => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: Buffer.alloc(16).toString('base64') });
    const signingKey = await freshSigningKey();

    await expect(signingKey()).rejects.toThrow('at least 32 bytes');
  });

  it('takes a key given directly (the local runtime) without calling AWS', async () => {
    vi.stubEnv('TOKEN_SIGNING_KEY', KEY);
    const signingKey = await freshSigningKey();

    expect(await signingKey()).toEqual(Buffer.alloc(32, 7));
    expect(secrets).not.toHaveReceivedAnyCommand();
  });
});
