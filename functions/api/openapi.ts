import { httpHandler } from './http/middleware.ts';
import { jsonResponse } from './http/problem.ts';
// Generated from the route table and the zod schemas by `npm run openapi` (test/unit/api/openapi.test.ts
// fails when it is stale): serving the file spares every cold start building every schema of the API.
import document from './openapi.json' with { type: 'json' };

/** GET /v1/openapi.json — the API's OpenAPI 3.1 document. */
export const handler = httpHandler(() =>
  Promise.resolve(jsonResponse(200, document, { 'cache-control': 'public, max-age=300' })),
);
