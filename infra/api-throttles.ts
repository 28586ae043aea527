/**
 * The API's throttles and the public functions' reserved concurrency, sized to 1 M complaints a day:
 * a 10× peak hour brings ≈ 116 new complaints/s, each preceded by a proof-of-work challenge.
 * API Gateway answers 429 beyond a route's rate (token bucket: `burstLimit` tokens, refilled at
 * `rateLimit` a second); the account's own limit for HTTP APIs is 10,000 requests/s a region.
 */
export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

/** Every route without its own setting: staff work and the customer pages, well below intake. */
export const STAGE_THROTTLE: Throttle = { rateLimit: 500, burstLimit: 1_000 };

/**
 * Routes with their own throttle (HTTP API route settings, by route key). Intake and its challenge
 * get 300 requests/s, 2.6× the modelled peak, and a burst of 1,000 for a campaign's opening minute;
 * a flood from few addresses meets the web ACL's per-IP rate rule before it reaches them.
 */
export const ROUTE_THROTTLES: Readonly<Record<string, Throttle>> = {
  'POST /v1/complaints': { rateLimit: 300, burstLimit: 1_000 },
  'GET /v1/challenge': { rateLimit: 300, burstLimit: 1_000 },
};

/**
 * Reserved concurrency of the public routes with their own figure (the others get the stack's
 * `publicConcurrency`): concurrency ≈ requests/s × duration, so 300 intake requests/s at ≈ 250 ms
 * (p99 on a cold DynamoDB partition) need ≈ 75; a challenge is signed in a few milliseconds.
 * Reserved concurrency is taken from the account's (1,000 by default; README, "Quotas").
 */
export const ROUTE_CONCURRENCY: Readonly<Record<string, number>> = {
  'POST /v1/complaints': 100,
  'GET /v1/challenge': 30,
};
