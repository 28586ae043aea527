import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi-document.ts';
import { OPENAPI_DOCUMENT_FILE } from '../../../functions/api/openapi-file.ts';
import { handler } from '../../../functions/api/openapi.ts';
import { fromRepoRoot } from '../../../infra/repo-root.ts';

describe('GET /v1/openapi.json', () => {
  it('serves the document generated from the current routes and schemas (else: npm run openapi)', () => {
    const committed = JSON.parse(readFileSync(fromRepoRoot(OPENAPI_DOCUMENT_FILE), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('answers with that document', async () => {
    const event = {
      rawPath: '/v1/openapi.json',
      headers: {},
      requestContext: { http: { method: 'GET' }, requestId: 'r' },
    } as unknown as APIGatewayProxyEventV2;
    const response = await handler(event, {} as Context);

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
