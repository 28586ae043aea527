import type middy from '@middy/core';

/**
 * What must be fresh before each invocation of a Lambda entry, registered by the adapters that need it
 * (the policy source: policy-source.ts). The shared handler wrappers (api/http/middleware.ts,
 * workflow/task-handler.ts) run every registered refresh, so only functions that bundle such an
 * adapter do the work, and need the permission for it (function-access.ts `readsPolicy`).
 */
const refreshes: (() => Promise<void>)[] = [];

export const refreshBeforeEachInvocation = (refresh: () => Promise<void>): void => {
  refreshes.push(refresh);
};

/** A middy middleware running every registered refresh before the handler. */
export const refreshRegistered = <Event, Result>(): middy.MiddlewareObj<Event, Result> => ({
  before: async () => {
    await Promise.all(refreshes.map((refresh) => refresh()));
  },
});
