import { describe, expect, it } from 'vitest';
import {
  checkPolicyChange,
  nextPolicyVersion,
  seedPolicyVersion,
} from '../../../functions/domain/policy-versions.ts';
import { defaultPolicy, defaultPolicyDocument } from '../../support/policy.ts';

describe('checkPolicyChange', () => {
  it('accepts a valid policy with a reason and the version it replaces, defaults filled in', () => {
    const checked = checkPolicyChange({
      policy: defaultPolicyDocument(),
      reason: '  2027 holidays ',
      expectedVersion: 3,
    });
    expect(checked).toEqual({
      kind: 'valid',
      change: { policy: defaultPolicy(), reason: '2027 holidays', expectedVersion: 3 },
    });
  });

  it('lists every problem of the document under policy., with the request fields', () => {
    const document = defaultPolicyDocument() as { calendar: object; sla: { bySeverity: object } };
    const checked = checkPolicyChange({
      policy: {
        ...document,
        calendar: { ...document.calendar, timeZone: 'Nowhere/City' },
        sla: {
          ...document.sla,
          bySeverity: { ...document.sla.bySeverity, L2: { firstResponse: { hours: 0 } } },
        },
        unknownPart: true,
      },
      reason: '',
      expectedVersion: 1,
    });
    expect(checked.kind).toBe('invalid');
    const fields = checked.kind === 'invalid' ? checked.errors.map((error) => error.field) : [];
    expect(fields).toEqual(
      expect.arrayContaining([
        'reason',
        'policy.calendar.timeZone',
        'policy.sla.bySeverity.L2.firstResponse.hours',
        'policy.sla.bySeverity.L2.resolution',
        'policy.unknownPart',
      ]),
    );
  });

  it('names a policy that is no object once, as policy', () => {
    const checked = checkPolicyChange({ policy: [], reason: 'x', expectedVersion: 1 });
    expect(checked.kind === 'invalid' && checked.errors.map((error) => error.field)).toEqual(['policy']);
  });

  it('refuses a missing body field by name, and an unknown one', () => {
    const checked = checkPolicyChange({ reason: 'x', expectedVersion: 1, extra: 1 });
    expect(checked.kind === 'invalid' && checked.errors.map((error) => error.field).sort()).toEqual([
      'extra',
      'policy',
    ]);
  });
});

describe('nextPolicyVersion', () => {
  const change = { policy: defaultPolicy(), reason: 'why', expectedVersion: 4 };
  const now = new Date('2026-12-01T02:00:00.000Z');

  it('is the next number, by whom and when, when the change replaces the active version', () => {
    expect(nextPolicyVersion({ version: 4 }, change, 'admin-1', now)).toEqual({
      kind: 'next',
      version: {
        version: 5,
        createdAt: '2026-12-01T02:00:00.000Z',
        createdBy: 'admin-1',
        reason: 'why',
        policy: defaultPolicy(),
      },
    });
  });

  it('is a conflict naming the active version when another change came first', () => {
    expect(nextPolicyVersion({ version: 5 }, change, 'admin-1', now)).toEqual({
      kind: 'version-conflict',
      activeVersion: 5,
    });
  });

  it('starts from the seed, version 1, unstored', () => {
    expect(seedPolicyVersion(defaultPolicy())).toMatchObject({
      version: 1,
      createdAt: null,
      createdBy: null,
    });
  });
});
