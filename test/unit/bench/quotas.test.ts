import { describe, expect, it } from 'vitest';
import { QUOTAS } from '../../../bench/quotas.ts';
import { ROUTE_THROTTLES, STAGE_THROTTLE } from '../../../infra/api-throttles.ts';

describe('the capacity model’s API throttles', () => {
  it('are the throttles the stack sets, route by route, and the stage default', () => {
    const routeQuotas = QUOTAS.filter((quota) => quota.usage === 'apiRouteRequests');
    expect(
      Object.fromEntries(routeQuotas.flatMap((quota) => (quota.route ? [[quota.route, quota.limit]] : []))),
    ).toEqual(
      Object.fromEntries(Object.entries(ROUTE_THROTTLES).map(([route, { rateLimit }]) => [route, rateLimit])),
    );
    expect(routeQuotas.filter((quota) => quota.route === undefined).map((quota) => quota.limit)).toEqual([
      STAGE_THROTTLE.rateLimit,
    ]);
  });

  it('leave no other API stage limit copied by hand', () => {
    const apiQuotas = QUOTAS.filter(
      (quota) => quota.component.startsWith('API') && quota.usage !== 'apiRouteRequests',
    );
    expect(apiQuotas.map((quota) => quota.component)).toEqual(['API Gateway throttle (account)']);
  });
});
