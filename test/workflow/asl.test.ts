import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.ts';
import { allStates, type MachineDefinition } from '../../local/stepfunctions/definition.ts';

type Validator = (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };
const validate = createRequire(import.meta.url)('asl-validator') as Validator;

const files = readdirSync('statemachines').filter((file) => file.endsWith('.asl.json'));
const dummyArn = (key: string) => `arn:aws:lambda:us-east-1:123456789012:function:${key}`;

/** The errors a task is retried on: Lambda's own transient failures and our tasks' named one. */
const TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'DependencyUnavailable',
];

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: string;
}
interface Catcher {
  ErrorEquals: string[];
  Next: string;
  Assign?: Record<string, unknown>;
}

/** The longest a retrier waits in all, before full jitter shortens each pause (ASL defaults). */
const longestBackoffSeconds = (retrier: Retrier): number => {
  const { IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2, MaxDelaySeconds = Infinity } = retrier;
  let total = 0;
  for (let attempt = 0; attempt < MaxAttempts; attempt += 1) {
    total += Math.min(IntervalSeconds * BackoffRate ** attempt, MaxDelaySeconds);
  }
  return total;
};

/** Where a state may go next: Next, Default, each Choice and each Catch. */
const successors = (state: Record<string, unknown>): string[] =>
  [
    state.Next,
    state.Default,
    ...((state.Choices as { Next: string }[] | undefined) ?? []).map((choice) => choice.Next),
    ...((state.Catch as Catcher[] | undefined) ?? []).map((catcher) => catcher.Next),
  ].filter((next): next is string => typeof next === 'string');

describe.each(files)('%s', (file) => {
  const raw = readFileSync(`statemachines/${file}`, 'utf8');

  it('names only substitutions that CDK and the local runtime provide', () => {
    const used = [...raw.matchAll(/\$\{(\w+)\}/gu)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const key of used) expect(Object.keys(WORKFLOW_TASKS)).toContain(key);
  });

  it('is valid Amazon States Language', () => {
    const definition: unknown = JSON.parse(raw.replace(/\$\{(\w+)\}/gu, (_m, key: string) => dummyArn(key)));
    const result = validate(definition);
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });
  const definition = JSON.parse(
    raw.replace(/\$\{(\w+)\}/gu, (_m, key: string) => dummyArn(key)),
  ) as MachineDefinition;
  const states = allStates(definition);
  const tasks = states.filter(([, state]) => state.Type === 'Task');

  it('retries no error by States.ALL or States.TaskFailed: those retry bugs too', () => {
    for (const [name, state] of states) {
      for (const retrier of (state.Retry as Retrier[] | undefined) ?? []) {
        expect(retrier.ErrorEquals, name).not.toContain('States.ALL');
        expect(retrier.ErrorEquals, name).not.toContain('States.TaskFailed');
      }
    }
  });

  it('retries every task on the transient errors, with full jitter over several minutes', () => {
    expect(tasks.length).toBeGreaterThan(0);
    for (const [name, state] of tasks) {
      const retrier = ((state.Retry as Retrier[] | undefined) ?? []).find((candidate) =>
        TRANSIENT_ERRORS.every((error) => candidate.ErrorEquals.includes(error)),
      );
      expect(retrier, `${name} retries ${TRANSIENT_ERRORS.join(', ')}`).toBeDefined();
      expect(retrier!.JitterStrategy, name).toBe('FULL');
      expect(retrier!.MaxDelaySeconds, name).toBeGreaterThan(0);
      expect(longestBackoffSeconds(retrier!), name).toBeGreaterThanOrEqual(5 * 60);
    }
  });

  it('catches every error a task still fails with, and the escalating timeouts of the human stages', () => {
    for (const [name, state] of tasks) {
      const catchers = (state.Catch as Catcher[] | undefined) ?? [];
      expect(catchers.at(-1)?.ErrorEquals, name).toEqual(['States.ALL']);
      if (typeof state.TimeoutSeconds === 'string')
        expect(catchers[0]?.ErrorEquals, name).toEqual(['States.Timeout']);
    }
  });

  it('is written in JSONata, with the plan and counters in variables', () => {
    expect(definition.QueryLanguage).toBe('JSONata');
    for (const [name, state] of states) expect(state.Parameters, name).toBeUndefined();
  });

  it('ends every failure path in the recorded failure and then a Fail state', () => {
    const fail = states.filter(([, state]) => state.Type === 'Fail');
    expect(fail.map(([, state]) => state.Error)).toEqual(['{% $failure.Error %}']);
    const [recordName, record] = states.find(
      ([, state]) => state.Resource === dummyArn('RecordLifecycleFailureFunctionArn'),
    )!;
    expect(successors(record)).toEqual([fail[0]![0], fail[0]![0]]);
    // Every catcher that leads there keeps the error, and names the stage unless one is named already.
    const catchers = states.flatMap(([name, state]) =>
      ((state.Catch as Catcher[] | undefined) ?? []).map((catcher) => [name, catcher] as const),
    );
    for (const [name, catcher] of catchers.filter(([, catcher]) => catcher.Next === recordName)) {
      expect(catcher.Assign?.failure, name).toBe('{% $states.errorOutput %}');
      if (name !== 'RecordFollowUpFailure') expect(catcher.Assign?.failedStage, name).toBeDefined();
    }
  });

  it('has no loop without a human wait or the bounded retry-later count in it', () => {
    const byName = new Map(states);
    const isCounter = (name: string) =>
      JSON.stringify(byName.get(name)?.Assign ?? {}).includes('$retryLater + 1');
    /**
     * The transitions that run without waiting: a callback task's answer and timeout waited for staff
     * or the clock, so only its error catches count; a transition into a counter counts to the bound.
     */
    const unwaited = (name: string): string[] => {
      const state = byName.get(name)!;
      const next = /\.waitForTaskToken$/u.test(String(state.Resource))
        ? ((state.Catch as Catcher[] | undefined) ?? [])
            .filter((catcher) => !catcher.ErrorEquals.includes('States.Timeout'))
            .map((catcher) => catcher.Next)
        : successors(state);
      return next.filter((candidate) => !isCounter(candidate));
    };
    const reachesItself = (start: string): boolean => {
      const seen = new Set<string>();
      const queue = unwaited(start);
      while (queue.length > 0) {
        const name = queue.pop()!;
        if (name === start) return true;
        if (seen.has(name)) continue;
        seen.add(name);
        queue.push(...unwaited(name));
      }
      return false;
    };
    const looping = states.map(([name]) => name).filter(reachesItself);
    // The one loop without a wait is bounded by data: each RecordFollowUpFailure pass that goes on
    // drops a queued follow-up mail (with none to drop, the lifecycle fails or retries later).
    expect(looping.sort()).toEqual(
      ['AdvanceLifecycle', 'AfterWakeUpFailure', 'AwaitLifecycle', 'RecordFollowUpFailure'].sort(),
    );
  });
});
