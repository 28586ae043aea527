import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComplaintEvent, EventDraft } from '../../../functions/domain/audit-event.ts';
import {
  bucketOf,
  bucketValue,
  percentile,
  PERCENTILE_ABSOLUTE_ERROR_SECONDS,
  PERCENTILE_RELATIVE_ERROR,
} from '../../../functions/domain/duration-histogram.ts';
import { contributionDelta, contributionOf, type Counters } from '../../../functions/domain/kpi-counters.ts';
import type { SlaStage } from '../../../functions/domain/vocabulary.ts';

const SUBMITTED = '2026-11-02T01:00:00.000Z';
let serial = 0;
const event = (minutesAfter: number, draft: EventDraft): ComplaintEvent => ({
  complaintId: 'C',
  // Ids sort like the times, as the ULIDs of real events do.
  eventId: `${String(minutesAfter).padStart(8, '0')}-${String((serial += 1)).padStart(4, '0')}`,
  at: new Date(Date.parse(SUBMITTED) + minutesAfter * 60_000).toISOString(),
  actor: { kind: 'system' },
  ...draft,
});
const hidden = { customerVisible: false } as const;
const received: EventDraft = { type: 'complaint.received', ...hidden };
const triaged: EventDraft = {
  type: 'complaint.triaged',
  ...hidden,
  details: {
    reasons: [],
    firstResponseDueAt: SUBMITTED,
    firstResponseRule: 'severity:L3',
    resolutionDueAt: SUBMITTED,
    resolutionRule: 'severity:L3',
  },
};
const escalated = (stage: SlaStage, level: number): EventDraft => ({
  type: 'sla.escalated',
  ...hidden,
  details: { stage, level, minutesLate: 0, dueAt: SUBMITTED, nextCheckAt: SUBMITTED, recipients: [] },
});

const add = (target: Counters, delta: Counters) => {
  for (const [name, amount] of Object.entries(delta)) {
    target[name] = (target[name] ?? 0) + amount;
    if (target[name] === 0) delete target[name];
  }
};

const lifecycle = (): ComplaintEvent[] => [
  event(0, received),
  event(1, triaged),
  event(1, {
    type: 'complaint.repeat-detected',
    ...hidden,
    details: { relatedComplaints: ['B'], windowDays: 30 },
  }),
  event(200, escalated('firstResponse', 1)),
  event(300, {
    type: 'customer.contacted',
    ...hidden,
    details: { channel: 'phone', summary: 'called', firstContact: true, onTime: false },
  }),
  event(2000, escalated('resolution', 2)),
  event(3000, {
    type: 'complaint.resolved',
    ...hidden,
    details: { outcome: 'partly-resolved', remedy: 'refund', onTime: false },
  }),
  event(4000, { type: 'survey.sent', ...hidden, details: { round: 0 } }),
  event(4100, {
    type: 'survey.answered',
    ...hidden,
    details: { overall: 2, process: 3, result: 1, solved: 'no', satisfied: false, round: 0 },
  }),
  event(4100, {
    type: 'complaint.reopened',
    ...hidden,
    details: { reason: 'dissatisfied', byCustomer: true, resolutionDueAt: SUBMITTED },
  }),
  event(6000, {
    type: 'complaint.resolved',
    ...hidden,
    details: { outcome: 'resolved', remedy: 'repair', onTime: true },
  }),
  event(7000, { type: 'survey.sent', ...hidden, details: { round: 1 } }),
  event(7100, {
    type: 'survey.answered',
    ...hidden,
    details: { overall: 5, process: 5, result: 4, solved: 'yes', satisfied: true, round: 1 },
  }),
  event(7200, { type: 'complaint.closed', ...hidden, details: { reason: 'satisfied' } }),
];

describe('KPI counters from audit events', () => {
  it('counts a lifecycle once: first response and first resolution only, each survey answer', () => {
    const { daily, now } = contributionOf(SUBMITTED, lifecycle());
    expect(daily).toMatchObject({
      received: 1,
      repeats: 1,
      frCount: 1,
      frSeconds: 300 * 60,
      rsCount: 1,
      rsPartly: 1,
      rsSeconds: 3000 * 60,
      escalatedL1: 1,
      escalatedL2: 1,
      reopened: 1,
      reopenedByCustomer: 1,
      surveysSent: 2,
      surveysAnswered: 2,
      satisfied: 1,
      overallSum: 7,
      processSum: 8,
      resultSum: 5,
      solved_no: 1,
      solved_yes: 1,
    });
    expect(daily[`frH${bucketOf(300 * 60)}`]).toBe(1);
    expect(daily[`rsH${bucketOf(3000 * 60)}`]).toBe(1);
    // Zero amounts are left out: an ADD of 0 would only cost a write.
    expect([daily.escalatedL3, daily.frOnTime, daily.rsOnTime]).toEqual([undefined, undefined, undefined]);
    expect(now).toEqual({});
  });

  it('counts nothing before triage: there is no grade to group by yet', () => {
    expect(contributionOf(SUBMITTED, [event(0, received)])).toEqual({ daily: {}, now: {} });
  });

  it('keeps open and overdue gauges: overdue while a breached stage is open, not after it ends', () => {
    const events = lifecycle();
    expect(contributionOf(SUBMITTED, events.slice(0, 3)).now).toEqual({ open: 1 });
    expect(contributionOf(SUBMITTED, events.slice(0, 4)).now).toEqual({ open: 1, overdue: 1 });
    expect(contributionOf(SUBMITTED, events.slice(0, 5)).now).toEqual({ open: 1 });
    expect(contributionOf(SUBMITTED, events.slice(0, 10)).now).toEqual({ open: 1 });
    expect(contributionOf(SUBMITTED, events.slice(0, 11)).now).toEqual({});
  });

  it('a resolution without earlier contact is also the first response', () => {
    const { daily } = contributionOf(SUBMITTED, [
      event(1, triaged),
      event(90, {
        type: 'complaint.resolved',
        ...hidden,
        details: { outcome: 'resolved', remedy: 'apology', onTime: true, firstResponseOnTime: true },
      }),
    ]);
    expect(daily).toMatchObject({ frCount: 1, frOnTime: 1, frSeconds: 5400, rsCount: 1, rsOnTime: 1 });
  });

  it('adds up to the whole contribution in any delivery order, each event once', () => {
    const events = lifecycle();
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (order) => {
        const daily: Counters = {};
        const now: Counters = {};
        for (const next of order) {
          // The consumer sees every event already in the table; only earlier ones count as history.
          const delta = contributionDelta(SUBMITTED, events, next);
          add(daily, delta.daily);
          add(now, delta.now);
        }
        expect({ daily, now }).toEqual(contributionOf(SUBMITTED, events));
      }),
    );
  });
});

describe('duration histogram', () => {
  it('reads every duration back within the stated error bound', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 400 * 86_400, noNaN: true }), (seconds) => {
        const error = Math.abs(bucketValue(bucketOf(seconds)) - seconds);
        expect(error).toBeLessThanOrEqual(
          Math.max(seconds * PERCENTILE_RELATIVE_ERROR, PERCENTILE_ABSOLUTE_ERROR_SECONDS) + 1e-9,
        );
      }),
    );
  });

  it('takes the nearest-rank percentile', () => {
    const histogram = new Map([
      [bucketOf(600), 5],
      [bucketOf(36_000), 5],
    ]);
    expect(percentile(histogram, 0.5)).toBe(bucketValue(bucketOf(600)));
    expect(percentile(histogram, 0.6)).toBe(bucketValue(bucketOf(36_000)));
    expect(percentile(new Map(), 0.5)).toBeUndefined();
  });
});
