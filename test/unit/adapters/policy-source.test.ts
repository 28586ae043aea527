import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultPolicy, defaultPolicyDocument } from '../../support/policy.ts';

const dir = mkdtempSync(join(tmpdir(), 'policy-source-'));

const loadFrom = async (name: string, document: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(document));
  vi.stubEnv('POLICY_FILE', file);
  vi.resetModules();
  const { currentPolicy } = await import('../../../functions/adapters/policy-source.ts');
  return currentPolicy;
};

describe('currentPolicy', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('validates a policy file as an administrator writes it, filling in defaults', async () => {
    const currentPolicy = await loadFrom('raw.json', defaultPolicyDocument());
    expect(currentPolicy().policy).toEqual(defaultPolicy());
  });

  it('refuses an invalid policy file', async () => {
    const currentPolicy = await loadFrom('invalid.json', { ...defaultPolicyDocument(), version: 2 });
    expect(() => currentPolicy()).toThrow('Invalid complaint policy');
  });

  it('reads the form validated at synth as it is, without validating it again', async () => {
    const validated = { ...defaultPolicy(), staffLocale: 'en' as const };
    const currentPolicy = await loadFrom('validated.json', { validatedPolicy: validated });
    expect(currentPolicy().policy).toEqual(validated);
    expect(currentPolicy().calendar.timeZone).toBe(validated.calendar.timeZone);

    // Proof that no schema ran: a raw file with this value would be refused.
    const unchecked = await loadFrom('unchecked.json', { validatedPolicy: { ...validated, version: 2 } });
    expect(unchecked().policy.version).toBe(2);
  });
});

describe('refreshPolicy', () => {
  const setUp = async () => {
    const { useTestEnvironment } = await import('../../support/lambda.ts');
    useTestEnvironment();
    const file = join(dir, 'seed.json');
    writeFileSync(file, JSON.stringify(defaultPolicyDocument()));
    vi.stubEnv('POLICY_FILE', file);
    vi.stubEnv('POLICY_REFRESH_SECONDS', '30');
    vi.resetModules();
    const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
    const { dynamo, stubAwsCalls } = await import('../../support/aws-calls.ts');
    stubAwsCalls();
    const source = await import('../../../functions/adapters/policy-source.ts');
    const pointer = (version: number) =>
      dynamo
        .on(GetCommand, { Key: { pk: 'POLICY', sk: 'ACTIVE' } })
        .resolves({ Item: { version, createdAt: 'x', createdBy: 'admin-1', reason: 'why' } });
    const stored = (version: number, document: unknown) =>
      dynamo
        .on(GetCommand, { Key: { pk: 'POLICY', sk: `VERSION#${String(version).padStart(6, '0')}` } })
        .resolves({
          Item: {
            version,
            createdAt: 'x',
            createdBy: 'admin-1',
            reason: 'why',
            document: JSON.stringify(document),
          },
        });
    const reads = () => dynamo.commandCalls(GetCommand).length;
    return { source, dynamo, GetCommand, pointer, stored, reads };
  };
  afterEach(() => vi.unstubAllEnvs());

  it('uses the seed, version 1, while the table holds no version', async () => {
    const { source } = await setUp();
    await source.refreshPolicy(0);
    expect(source.currentPolicy()).toMatchObject({ version: 1, policy: defaultPolicy() });
  });

  it('takes a new active version up after the refresh interval, reading each version once', async () => {
    const { source, pointer, stored, reads } = await setUp();
    await source.refreshPolicy(0);
    pointer(2);
    stored(2, { ...defaultPolicyDocument(), staffLocale: 'en' });
    await source.refreshPolicy(29_999);
    expect(source.currentPolicy().version).toBe(1);
    expect(reads()).toBe(1);
    await source.refreshPolicy(30_000);
    expect(source.currentPolicy()).toMatchObject({ version: 2, policy: { staffLocale: 'en' } });
    expect(reads()).toBe(3);
    // The pointer unchanged: one GetItem, the version document not read again.
    await source.refreshPolicy(60_000);
    expect(reads()).toBe(4);
  });

  it('keeps the known version when the table cannot be read, and fails while it knows none', async () => {
    const { source, dynamo, GetCommand } = await setUp();
    dynamo
      .on(GetCommand, { Key: { pk: 'POLICY', sk: 'ACTIVE' } })
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException', $metadata: {} }));
    await expect(source.refreshPolicy(0)).rejects.toThrow('A dependency is unavailable');
    dynamo.on(GetCommand, { Key: { pk: 'POLICY', sk: 'ACTIVE' } }).resolves({});
    await source.refreshPolicy(1);
    dynamo.on(GetCommand, { Key: { pk: 'POLICY', sk: 'ACTIVE' } }).rejects(new Error('down'));
    await source.refreshPolicy(60_000);
    expect(source.currentPolicy().version).toBe(1);
  });
});
