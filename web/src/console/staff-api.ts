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

/** Wall-clock time left until a deadline, signed: "2 h 5 min", "-1 d 3 h" when overdue. */
export const countdown = (dueAt: string | null, now: number): string => {
  if (!dueAt) return '—';
  const ms = Date.parse(dueAt) - now;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const parts =
    days > 0
      ? [`${days} d`, `${hours} h`]
      : hours > 0
        ? [`${hours} h`, `${minutes % 60} min`]
        : [`${minutes} min`];
  return `${ms < 0 ? '-' : ''}${parts.join(' ')}`;
};
