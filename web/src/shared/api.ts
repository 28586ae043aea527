import type { Problem } from '../../../functions/api/http/problem.ts';
import type { FieldError } from '../../../functions/domain/field-errors.ts';
import { loadConfig } from './config.ts';

// The API's own types (type-only imports: no server code reaches the bundle).
export type { FieldError, Problem };

/**
 * A problem the page states itself (lost network, a response that is not a problem document): RFC
 * 9457 gives a problem without a more specific type the type "about:blank".
 */
export const untypedProblem = (title: string, status: number): Problem => ({
  type: 'about:blank',
  title,
  status,
});

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; problem: Problem };

/** Calls the API; an unreachable network becomes a problem with status 0. */
export const callApi = async <T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> => {
  const { apiUrl } = await loadConfig();
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, init);
  } catch {
    return { ok: false, problem: untypedProblem('network', 0) };
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (response.ok) return { ok: true, status: response.status, body: body as T };
  const problem = (body ?? {}) as Partial<Problem>;
  // A gateway's own error (e.g. 502) is not a problem document; it still becomes one here.
  const { type, title } = untypedProblem(response.statusText, response.status);
  return {
    ok: false,
    problem: {
      ...problem,
      type: problem.type ?? type,
      title: problem.title ?? title,
      status: response.status,
    },
  };
};

export const jsonInit = (
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** Field errors keyed by field path, first message per field. */
export const errorsByField = (errors: readonly FieldError[] = []): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const error of errors) result[error.field] ??= error.message;
  return result;
};
