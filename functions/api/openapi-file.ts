/** The OpenAPI document as generated from the route table and the schemas by `npm run openapi`. */
export const OPENAPI_DOCUMENT_FILE = 'functions/api/openapi.json';
