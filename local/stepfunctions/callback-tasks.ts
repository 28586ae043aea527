import type { MachineDefinition } from './definition.ts';
import { allStates } from './definition.ts';

/** Stands in for `$$.Task.Token` in the adapted Parameters; replaced by the real token at run time. */
export const TASK_TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';
/** Hidden Parameters field that carries the evaluated TimeoutSecondsPath to the local handler. */
export const TIMEOUT_FIELD = '__timeoutSeconds';

const WAIT_FOR_TASK_TOKEN = /\.waitForTaskToken$/u;

/**
 * aws-local-stepfunctions races every task with a timeout of its own, 60 s when the state names
 * none, which would end a callback task long before its real timeout. The local handler keeps that
 * timeout itself, so the library's is set as far off as a Node timer reaches (about 24.8 days).
 */
export const LIBRARY_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const replaceTokenPath = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(replaceTokenPath);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) =>
      key.endsWith('.$') && inner === '$$.Task.Token'
        ? [key.slice(0, -2), TASK_TOKEN_PLACEHOLDER]
        : [key, replaceTokenPath(inner)],
    ),
  );
};

/**
 * aws-local-stepfunctions has no task tokens, and evaluates TimeoutSecondsPath against the
 * Parameters output instead of the state input. This rewrites, in memory, every `.waitForTaskToken`
 * task so a local handler can run it as AWS does: `$$.Task.Token` becomes a placeholder the handler
 * fills in, and the timeout (TimeoutSecondsPath evaluated against the state input, or TimeoutSeconds)
 * travels in a hidden Parameters field instead of the library's own timeout. Returns the names of
 * the rewritten states.
 */
export const adaptCallbackTasks = (
  definition: MachineDefinition,
): { definition: MachineDefinition; states: Set<string> } => {
  const adapted = structuredClone(definition);
  const states = new Set<string>();
  for (const [name, state] of allStates(adapted)) {
    if (state.Type !== 'Task' || !state.Resource || !WAIT_FOR_TASK_TOKEN.test(state.Resource)) continue;
    const parameters = replaceTokenPath(state.Parameters ?? {}) as Record<string, unknown>;
    if (typeof state.TimeoutSecondsPath === 'string')
      parameters[`${TIMEOUT_FIELD}.$`] = state.TimeoutSecondsPath;
    else if (typeof state.TimeoutSeconds === 'number') parameters[TIMEOUT_FIELD] = state.TimeoutSeconds;
    state.Parameters = parameters;
    delete state.TimeoutSecondsPath;
    state.TimeoutSeconds = LIBRARY_TIMEOUT_SECONDS;
    delete state.HeartbeatSeconds;
    delete state.HeartbeatSecondsPath;
    states.add(name);
  }
  return { definition: adapted, states };
};

/** Puts the real token where the placeholder stands. */
export const withToken = (value: unknown, token: string): unknown => {
  if (value === TASK_TOKEN_PLACEHOLDER) return token;
  if (Array.isArray(value)) return value.map((inner) => withToken(inner, token));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withToken(inner, token)]));
};
