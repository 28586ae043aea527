import { describe, expect, it } from 'vitest';
import {
  decideRedriven,
  executionName,
  lifecycleWatchAttributes,
  redriveAction,
  WATCH_GRACE,
} from '../../../functions/domain/lifecycle-watch.ts';
import { indexShardOf } from '../../../functions/domain/key-shards.ts';
import type { StageClock } from '../../../functions/domain/sla.ts';
import { receivedComplaint } from '../../support/complaints.ts';

const RECEIVED = new Date('2026-03-02T01:00:00.000Z');
const minutesAfter = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const failure = {
  stage: 'acknowledgement',
  error: 'DependencyUnavailable',
  cause: 'x',
  at: '2026-03-02T01:05:00.000Z',
} as const;
const clockAt = (
  stage: 'firstResponse' | 'resolution',
  nextCheckAt: string,
  extra: Partial<StageClock> = {},
) => ({ stage, clock: 'business', dueAt: nextCheckAt, nextCheckAt, ...extra }) as StageClock;

describe('the lifecycle watch: when the reconciler looks at a complaint', () => {
  it('watches a new complaint from a grace after submission until it is acknowledged', () => {
    expect(lifecycleWatchAttributes(receivedComplaint(RECEIVED))).toEqual({
      lifecycleWatch: `watch#${indexShardOf(receivedComplaint(RECEIVED).id)}`,
      lifecycleWatchAt: minutesAfter(RECEIVED.toISOString(), WATCH_GRACE.unacknowledgedMinutes),
    });
  });

  it('watches a recorded failure at once, even on finished work', () => {
    const failed = receivedComplaint(RECEIVED, { status: 'resolved', lifecycleFailure: failure });
    expect(lifecycleWatchAttributes(failed)).toEqual({
      lifecycleWatch: `watch#${indexShardOf(failed.id)}`,
      lifecycleWatchAt: failure.at,
    });
  });

  it('watches an acknowledged open complaint from a grace after its earliest running stage check', () => {
    const complaint = receivedComplaint(RECEIVED, {
      status: 'investigating',
      acknowledgedAt: RECEIVED.toISOString(),
      sla: {
        firstResponse: clockAt('firstResponse', '2026-03-02T03:00:00.000Z', {
          completedAt: '2026-03-02T02:00:00.000Z',
        }),
        resolution: clockAt('resolution', '2026-03-05T03:00:00.000Z'),
        escalationLevel: 0,
      } as never,
    });
    expect(lifecycleWatchAttributes(complaint).lifecycleWatchAt).toBe(
      minutesAfter('2026-03-05T03:00:00.000Z', WATCH_GRACE.stageCheckMinutes),
    );
  });

  it('leaves out paused stages and healthy finished work (sparse index)', () => {
    const paused = receivedComplaint(RECEIVED, {
      status: 'awaiting-customer',
      acknowledgedAt: RECEIVED.toISOString(),
      sla: {
        firstResponse: clockAt('firstResponse', '2026-03-02T03:00:00.000Z', {
          pausedAt: RECEIVED.toISOString(),
        }),
        resolution: clockAt('resolution', '2026-03-05T03:00:00.000Z', { pausedAt: RECEIVED.toISOString() }),
        escalationLevel: 0,
      } as never,
    });
    expect(lifecycleWatchAttributes(paused)).toEqual({
      lifecycleWatch: undefined,
      lifecycleWatchAt: undefined,
    });
    const closed = receivedComplaint(RECEIVED, { status: 'closed' });
    expect(lifecycleWatchAttributes(closed).lifecycleWatch).toBeUndefined();
  });
});

describe('the lifecycle watch of a customer without an address', () => {
  const phoneOnly = { name: '王芳', phone: '13800138000', locale: 'zh-CN' } as const;
  const running = {
    firstResponse: clockAt('firstResponse', '2026-03-02T05:00:00.000Z'),
    resolution: clockAt('resolution', '2026-03-05T03:00:00.000Z'),
    escalationLevel: 0,
  } as never;

  it('watches it for the acknowledgement grace until triage, like any new complaint', () => {
    const untriaged = receivedComplaint(RECEIVED, { channel: 'hotline', customer: phoneOnly });
    expect(lifecycleWatchAttributes(untriaged).lifecycleWatchAt).toBe(
      minutesAfter(RECEIVED.toISOString(), WATCH_GRACE.unacknowledgedMinutes),
    );
  });

  it('once triaged, watches its stage checks: no mail acknowledges it, so waiting for one would re-drive it for nothing', () => {
    const triaged = receivedComplaint(RECEIVED, { channel: 'hotline', customer: phoneOnly, sla: running });
    expect(lifecycleWatchAttributes(triaged).lifecycleWatchAt).toBe(
      minutesAfter('2026-03-02T05:00:00.000Z', WATCH_GRACE.stageCheckMinutes),
    );
    // A customer with an address, triaged but unacknowledged, is still waited for by the acknowledgement.
    const mailable = receivedComplaint(RECEIVED, { sla: running });
    expect(lifecycleWatchAttributes(mailable).lifecycleWatchAt).toBe(
      minutesAfter(RECEIVED.toISOString(), WATCH_GRACE.unacknowledgedMinutes),
    );
  });
});

describe('re-driving a lifecycle', () => {
  it('names each attempt uniquely: the id, then <id>-r<n>', () => {
    expect([0, 1, 2].map((attempt) => executionName('C1', attempt))).toEqual(['C1', 'C1-r1', 'C1-r2']);
  });

  it('never starts a second execution beside a running one', () => {
    expect(redriveAction({}, 'RUNNING')).toEqual({ kind: 'leave' });
    expect(redriveAction({ lifecycleAttempt: 2 }, 'PENDING_REDRIVE')).toEqual({ kind: 'leave' });
  });

  it('starts the first execution under the complaint id when it never started, else the next attempt', () => {
    expect(redriveAction({}, 'none')).toEqual({ kind: 'start', attempt: 0 });
    expect(redriveAction({}, 'FAILED')).toEqual({ kind: 'start', attempt: 1 });
    expect(redriveAction({ lifecycleAttempt: 1 }, 'TIMED_OUT')).toEqual({ kind: 'start', attempt: 2 });
    expect(redriveAction({ lifecycleAttempt: 1 }, 'none')).toEqual({ kind: 'start', attempt: 2 });
  });

  it('records the attempt, clears the failure it saw, and records it once', () => {
    const decision = decideRedriven(
      { lifecycleFailure: failure },
      { attempt: 1, previous: 'FAILED', seenFailure: failure },
    );
    expect(decision).toEqual({
      changes: { lifecycleAttempt: 1, lifecycleFailure: undefined },
      events: [
        {
          type: 'lifecycle.redriven',
          customerVisible: false,
          details: {
            attempt: 1,
            previous: 'FAILED',
            failedStage: 'acknowledgement',
            error: 'DependencyUnavailable',
          },
        },
      ],
    });
    expect(
      decideRedriven({ lifecycleAttempt: 1 }, { attempt: 1, previous: 'FAILED', seenFailure: failure }),
    ).toBeUndefined();
  });

  it('keeps a failure of the new execution recorded after the one it saw', () => {
    const later = { ...failure, at: '2026-03-02T01:10:00.000Z' };
    const decision = decideRedriven(
      { lifecycleFailure: later },
      { attempt: 1, previous: 'FAILED', seenFailure: failure },
    );
    expect(decision?.changes).toEqual({ lifecycleAttempt: 1 });
  });
});
