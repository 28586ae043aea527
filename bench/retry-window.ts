import { LIFECYCLE_DEFINITION_FILE, WORKFLOW_TASKS } from '../functions/workflow/tasks.ts';
import {
  allStates,
  loadDefinition,
  localFunctionSubstitutions,
  type MachineDefinition,
} from '../local/stepfunctions/definition.ts';

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
}

export interface RetryWindow {
  state: string;
  /** Attempts in all: the first and every retry. */
  attempts: number;
  /** The longest the retrier waits between them in all (full jitter waits at most this). */
  waitSeconds: number;
}

/**
 * The longest retry window of a definition: for each state's retrier, its waits summed as Step
 * Functions computes them (IntervalSeconds × BackoffRate^k, capped at MaxDelaySeconds, ASL defaults
 * 1 s, 3 retries, rate 2.0), or `overrideMs` each when the local runtime overrides the intervals
 * (RETRY_AND_WAIT_MS). The window a fault must outlast is this plus the time its attempts take.
 */
export const longestRetryWindow = (definition: MachineDefinition, overrideMs?: number): RetryWindow => {
  const windows = allStates(definition).flatMap(([state, definitionOfState]) =>
    ((definitionOfState.Retry ?? []) as Retrier[]).map((retrier) => {
      const retries = retrier.MaxAttempts ?? 3;
      let waitSeconds = 0;
      for (let k = 0; k < retries; k += 1)
        waitSeconds +=
          overrideMs === undefined
            ? Math.min(
                (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** k,
                retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY,
              )
            : overrideMs / 1000;
      return { state, attempts: retries + 1, waitSeconds };
    }),
  );
  return windows.reduce((longest, window) => (window.waitSeconds > longest.waitSeconds ? window : longest));
};

export const lifecycleDefinition = (): MachineDefinition =>
  loadDefinition(LIFECYCLE_DEFINITION_FILE, localFunctionSubstitutions(WORKFLOW_TASKS));
