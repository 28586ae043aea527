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
