import { describe, expect, it } from 'vitest';
import { changePolicy } from '../../../functions/app/change-policy.ts';
import type { PolicyVersionStore } from '../../../functions/app/ports.ts';
import type { AdminEvent } from '../../../functions/domain/audit-event.ts';
import type { PolicyVersion } from '../../../functions/domain/policy-versions.ts';
import { defaultPolicy } from '../../support/policy.ts';

/** The versions in memory, with the store's condition: the active one must still be the replaced one. */
const memoryVersions = () => {
  const versions = new Map<number, PolicyVersion>();
  let active: number | undefined;
  const events: AdminEvent[] = [];
  const store: PolicyVersionStore = {
    active: () => Promise.resolve(active === undefined ? undefined : versions.get(active)),
    get: (version) => Promise.resolve(versions.get(version)),
    history: (limit) =>
      Promise.resolve([...versions.values()].toSorted((a, b) => b.version - a.version).slice(0, limit)),
    activate: (next, replaced, event) => {
      const expected = 'seed' in replaced ? undefined : replaced.version;
      if (active !== expected || versions.has(next.version)) return Promise.resolve('conflict');
      if ('seed' in replaced) versions.set(1, replaced.seed);
      versions.set(next.version, next);
      active = next.version;
      events.push(event);
      return Promise.resolve('saved');
    },
  };
  return { store, versions, events };
};

const deps = (store: PolicyVersionStore) => ({
  versions: store,
  seed: defaultPolicy,
  wallClock: { now: () => new Date('2026-12-01T02:00:00.000Z') },
  newId: () => 'EVENT-1',
});
const admin = { subject: 'admin-1', roles: ['admin' as const] };
const edited = { ...defaultPolicy(), staffLocale: 'en' as const };

describe('changePolicy', () => {
  it('stores the seed as version 1 with the first change, which becomes version 2, audited', async () => {
    const { store, versions, events } = memoryVersions();
    const outcome = await changePolicy(
      deps(store),
      { policy: edited, reason: 'English console', expectedVersion: 1 },
      admin,
    );
    expect(outcome).toMatchObject({ kind: 'changed', version: { version: 2, createdBy: 'admin-1' } });
    expect(versions.get(1)).toMatchObject({ version: 1, policy: defaultPolicy(), createdBy: 'admin-1' });
    expect(events).toEqual([
      {
        type: 'policy.changed',
        eventId: 'EVENT-1',
        at: '2026-12-01T02:00:00.000Z',
        actor: { kind: 'staff', id: 'admin-1', role: 'admin' },
        details: { fromVersion: 1, toVersion: 2, reason: 'English console' },
      },
    ]);
  });

  it('answers a conflict naming the active version for a change of an older one, storing nothing', async () => {
    const { store, versions } = memoryVersions();
    await changePolicy(deps(store), { policy: edited, reason: 'first', expectedVersion: 1 }, admin);
    const outcome = await changePolicy(
      deps(store),
      { policy: defaultPolicy(), reason: 'stale', expectedVersion: 1 },
      admin,
    );
    expect(outcome).toEqual({ kind: 'version-conflict', activeVersion: 2 });
    expect([...versions.keys()].sort()).toEqual([1, 2]);
  });

  it('answers a conflict when another change is saved between its read and its write', async () => {
    const { store } = memoryVersions();
    const racing: PolicyVersionStore = {
      ...store,
      activate: async (next, replaced, event) => {
        await changePolicy(deps(store), { policy: edited, reason: 'other admin', expectedVersion: 1 }, admin);
        return store.activate(next, replaced, event);
      },
    };
    const outcome = await changePolicy(
      deps(racing),
      { policy: edited, reason: 'mine', expectedVersion: 1 },
      admin,
    );
    expect(outcome).toEqual({ kind: 'version-conflict', activeVersion: 2 });
  });
});
