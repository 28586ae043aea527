import { loadConfig } from './config.ts';

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document, as every API error is. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  allowed?: string[];
}

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; problem: Problem };

/** Calls the API; an unreachable network becomes a problem with status 0. */
export const callApi = async <T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> => {
  const { apiUrl } = await loadConfig();
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, init);
  } catch {
    return { ok: false, problem: { title: 'network', status: 0 } };
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
  return {
    ok: false,
    problem: { ...problem, title: problem.title ?? response.statusText, status: response.status },
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
