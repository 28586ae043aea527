import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../functions/api/openapi-document.ts';
import { OPENAPI_DOCUMENT_FILE } from '../functions/api/openapi-file.ts';
import { fromRepoRoot } from '../infra/repo-root.ts';

/** `npm run openapi`: writes the OpenAPI document the GetOpenApi function serves (a test checks it). */
writeFileSync(fromRepoRoot(OPENAPI_DOCUMENT_FILE), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${OPENAPI_DOCUMENT_FILE}`);
