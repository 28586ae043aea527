import { describe, expect, it } from 'vitest';
import { detectSurges, type SurgeDeps } from '../../../functions/app/detect-surges.ts';
import type { Incident } from '../../../functions/domain/incident.ts';
import { bucketOf, isNewSurge, type SurgeSubject } from '../../../functions/domain/surge.ts';
import { defaultCalendar, defaultPolicy } from '../../support/policy.ts';

/**
 * The surge use case against in-memory stand-ins that keep the adapters' promises: the state's
 * conditional put (a new surge only when none is active) and the delivery claim (each message sent
 * once).
 */
const world = (start: Date) => {
  let now = start;
  let ids = 0;
  const buckets = new Map<string, number>();
  const states = new Map<string, { activeUntil: string; incidentId: string }>();
  const incidents = new Map<string, Incident>();
  const claimed = new Set<string>();
  const sent: { to: string[]; subject: string }[] = [];
  const keyOf = (subject: SurgeSubject) => `${subject.dimension}#${subject.value}`;
  const deps: SurgeDeps = {
    clock: { now: () => now },
    ids: { newId: () => `ID${String((ids += 1)).padStart(24, '0')}` },
    policy: { current: () => ({ policy: defaultPolicy(), calendar: defaultCalendar(), version: 1 }) },
    surges: {
      buckets: (subject) =>
        Promise.resolve(
          [...buckets]
            .filter(([key]) => key.startsWith(`${keyOf(subject)}@`))
            .map(([key, count]) => ({ bucket: key.split('@')[1]!, count })),
        ),
      start: (subject, activeUntil, incident, at) => {
        const state = states.get(keyOf(subject));
        if (state && !isNewSurge(state.activeUntil, at)) {
          state.activeUntil = activeUntil;
          return Promise.resolve({ kind: 'active' as const, incidentId: state.incidentId });
        }
        states.set(keyOf(subject), { activeUntil, incidentId: incident.id });
        incidents.set(incident.id, structuredClone(incident));
        return Promise.resolve({ kind: 'started' as const, incidentId: incident.id });
      },
    },
    incidents: {
      create: () => Promise.resolve(),
      get: (id) => Promise.resolve(incidents.get(id)),
      list: () => Promise.resolve([...incidents.values()]),
      save: () => Promise.resolve('saved' as const),
      forgetMessage: (id, messageId) => {
        delete incidents.get(id)?.outbox?.[messageId];
        return Promise.resolve();
      },
    },
    deliveries: {
      claim: (id) => {
        if (claimed.has(id)) return Promise.resolve({ kind: 'sent' as const, messageIds: ['m'] });
        claimed.add(id);
        return Promise.resolve({ kind: 'claimed' as const });
      },
      recordSent: () => Promise.resolve(),
      release: (id) => {
        claimed.delete(id);
        return Promise.resolve();
      },
    },
    mailer: {
      render: (_policy, _calendar, incident) => ({
        recipients: ['senior-management@example.com'],
        content: { subject: `surge ${incident.surge?.value ?? ''}`, text: '', html: '' },
      }),
      send: (to, content) => {
        sent.push({ to: [to].flat(), subject: content.subject });
        return Promise.resolve(['m']);
      },
    },
  };
  /** One more complaint about `product` counted now, as the KPI consumer's transaction does. */
  const count = (product: string) => {
    for (const dimension of ['product', 'category']) {
      const value = dimension === 'product' ? product : 'product-quality';
      const key = `${dimension}#${value}@${bucketOf(now)}`;
      buckets.set(key, (buckets.get(key) ?? 0) + 1);
    }
  };
  const complaint = (product: string) => ({
    product,
    category: 'product-quality' as const,
    preliminaryGrade: undefined,
  });
  return {
    deps,
    count,
    complaint,
    sent,
    incidents,
    advance: (minutes: number) => {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
};

describe('detectSurges', () => {
  it('fires once for 25 complaints in minutes, redelivered records included', async () => {
    const w = world(new Date('2026-11-26T10:00:00Z'));
    for (let index = 0; index < 25; index += 1) {
      w.count('battery x');
      await detectSurges(w.deps, w.complaint('battery x'));
      // A redelivered stream record evaluates again.
      await detectSurges(w.deps, w.complaint('battery x'));
      w.advance(0.2);
    }
    // One for the product and one for its category; each mailed once.
    expect(w.sent.map((mail) => mail.subject).sort()).toEqual(['surge battery x', 'surge product-quality']);
    expect([...w.incidents.values()].map((incident) => incident.status)).toEqual(['suggested', 'suggested']);
    expect(
      [...w.incidents.values()].every((incident) => Object.keys(incident.outbox ?? {}).length === 0),
    ).toBe(true);
  });

  it('fires again only after the surge went quiet for a window', async () => {
    const w = world(new Date('2026-11-26T10:00:00Z'));
    const burst = async () => {
      for (let index = 0; index < 20; index += 1) {
        w.count('battery y');
        await detectSurges(w.deps, w.complaint('battery y'));
      }
    };
    await burst();
    w.advance(30);
    await burst();
    expect(w.sent.filter((mail) => mail.subject === 'surge battery y')).toHaveLength(1);
    // A day later the baseline holds 40 in 7 days (mean 0.24 an hour), and the window is quiet again.
    w.advance(24 * 60);
    await burst();
    expect(w.sent.filter((mail) => mail.subject === 'surge battery y')).toHaveLength(2);
  });

  it('stays quiet below the minimum count', async () => {
    const w = world(new Date('2026-11-26T10:00:00Z'));
    for (let index = 0; index < 19; index += 1) {
      w.count('battery z');
      await detectSurges(w.deps, w.complaint('battery z'));
    }
    expect(w.sent).toEqual([]);
  });
});
