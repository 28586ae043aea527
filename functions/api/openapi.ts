import { httpHandler } from './http/middleware.ts';
import { jsonResponse } from './http/problem.ts';
import { openApiDocument } from './openapi-document.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

/** GET /v1/openapi.json — generated once per container from the route table and the zod schemas. */
export const handler = httpHandler(() => {
  document ??= openApiDocument();
  return Promise.resolve(jsonResponse(200, document, { 'cache-control': 'public, max-age=300' }));
});
