import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLICY_FILE, loadPolicyFile } from '../../infra/policy-file.ts';

describe('loadPolicyFile: calendar years at synth', () => {
  it('warns, and still loads, when the next year is missing from 1 December', () => {
    const warn = vi.fn<(line: string) => void>();
    const loaded = loadPolicyFile(DEFAULT_POLICY_FILE, { now: new Date('2026-12-01T02:00:00Z'), warn });
    expect(loaded.policy.version).toBe(1);
    expect(loaded.calendarWarning).toMatch(/no entry for 2027/u);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toMatch(/^warning: .*complaint-policy\.json: .*2027/u);
  });

  it('says nothing while the policy covers the years needed', () => {
    const warn = vi.fn<(line: string) => void>();
    const loaded = loadPolicyFile(DEFAULT_POLICY_FILE, { now: new Date('2026-11-15T02:00:00Z'), warn });
    expect(loaded.calendarWarning).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });
});
