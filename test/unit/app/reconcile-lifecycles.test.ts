import { describe, expect, it } from 'vitest';
import { reconcileLifecycles, type ReconcileDeps } from '../../../functions/app/reconcile-lifecycles.ts';
import type { Complaint } from '../../../functions/domain/complaint.ts';
import type { ExecutionState } from '../../../functions/domain/lifecycle-watch.ts';
import { receivedComplaint } from '../../support/complaints.ts';
import { countingMetrics, inMemoryStore } from '../../support/in-memory-ports.ts';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const failure = {
  stage: 'acknowledgement',
  error: 'DependencyUnavailable',
  cause: 'SES',
  at: '2026-03-02T01:05:00.000Z',
} as const;

/** The reconciler's ports around one complaint and a table of executions by name. */
const setUp = (complaint: Complaint, executions: Record<string, ExecutionState>) => {
  const { store, current, events } = inMemoryStore(complaint, () => NOW);
  const started: string[] = [];
  const { metrics, counted } = countingMetrics();
  const deps: ReconcileDeps = {
    watch: { due: () => Promise.resolve([complaint.id]) },
    store,
    executions: { state: (name) => Promise.resolve(executions[name] ?? 'none') },
    starter: {
      start: (id, attempt = 0) => {
        const name = attempt === 0 ? id : `${id}-r${attempt}`;
        started.push(name);
        const outcome = executions[name] ? 'already-running' : 'started';
        executions[name] = 'RUNNING';
        return Promise.resolve(outcome);
      },
    },
    clock: { now: () => NOW },
    metrics,
  };
  return { deps, started, current, events, counted };
};

describe('reconcileLifecycles', () => {
  it('re-drives a failed execution as <id>-r1, records it and clears the failure', async () => {
    const { deps, started, current, events, counted } = setUp(
      receivedComplaint(new Date('2026-03-02T01:00:00.000Z'), { lifecycleFailure: failure }),
      { C1: 'FAILED' },
    );
    const result = await reconcileLifecycles(deps, 10);
    expect(result).toMatchObject({ checked: 1, redriven: ['C1'], stuck: [], failed: [] });
    expect(started).toEqual(['C1-r1']);
    expect(current()).toMatchObject({ lifecycleAttempt: 1, lifecycleFailure: undefined });
    expect(events.map((event) => [event.type, event.details])).toEqual([
      [
        'lifecycle.redriven',
        { attempt: 1, previous: 'FAILED', failedStage: 'acknowledgement', error: 'DependencyUnavailable' },
      ],
    ]);
    expect(counted.map(({ name }) => name)).toEqual(['LifecycleRedriven']);
  });

  it('starts the first execution of a complaint that never had one, under its own id', async () => {
    const { deps, started, current } = setUp(receivedComplaint(new Date('2026-03-02T01:00:00.000Z')), {});
    await reconcileLifecycles(deps, 10);
    expect(started).toEqual(['C1']);
    expect(current().lifecycleAttempt).toBe(0);
  });

  it('leaves a running execution alone and reports it as stuck', async () => {
    const { deps, started, events, counted } = setUp(
      receivedComplaint(new Date('2026-03-02T01:00:00.000Z'), { lifecycleAttempt: 1 }),
      { C1: 'FAILED', 'C1-r1': 'RUNNING' },
    );
    const result = await reconcileLifecycles(deps, 10);
    expect(result).toMatchObject({ redriven: [], stuck: ['C1'] });
    expect(started).toEqual([]);
    expect(events).toEqual([]);
    expect(counted.map(({ name }) => name)).toEqual(['LifecycleStuck']);
  });

  it('is idempotent: a run that started but did not record is finished by the next, without a second start', async () => {
    const executions: Record<string, ExecutionState> = { C1: 'ABORTED' };
    const { deps, started, current, events } = setUp(
      receivedComplaint(new Date('2026-03-02T01:00:00.000Z'), { lifecycleFailure: failure }),
      executions,
    );
    const crashing: ReconcileDeps = {
      ...deps,
      store: { ...deps.store, mutate: () => Promise.reject(new Error('crashed before recording')) },
    };
    expect((await reconcileLifecycles(crashing, 10)).failed.map(({ id }) => id)).toEqual(['C1']);
    // The attempt is unrecorded, so the next run starts the same name: Step Functions starts nothing new.
    await reconcileLifecycles(deps, 10);
    expect(started).toEqual(['C1-r1', 'C1-r1']);
    expect(Object.keys(executions)).toEqual(['C1', 'C1-r1']);
    expect(current().lifecycleAttempt).toBe(1);
    expect(events).toHaveLength(1);
    // Recorded: the third run checks C1-r1, which runs.
    expect((await reconcileLifecycles(deps, 10)).stuck).toEqual(['C1']);
  });
});
