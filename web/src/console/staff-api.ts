import { callApi, type ApiResult } from '../shared/api.ts';
import { currentSession } from './auth.ts';

/** A staff API call with the session's bearer token. */
export const staffApi = <T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> =>
  callApi<T>(path, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      authorization: `Bearer ${currentSession()?.token ?? ''}`,
    },
  });
