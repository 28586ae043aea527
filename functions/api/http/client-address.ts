/**
 * The header that carries the viewer's address to the API. Behind CloudFront a function sees an edge
 * server's address; CloudFront's viewer-request function (infra/constructs/web-hosting.ts) sets this
 * header from the viewer's IP on every /v1/* request, replacing any the client sent, and only requests
 * through CloudFront reach the functions (origin-verify.ts). The local gateway sets it the same way.
 */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';

/** The address a request came from: the viewer's, else (called directly) the connection's. */
export const clientAddress = (event: {
  headers: Record<string, string | undefined>;
  requestContext: { http: { sourceIp: string } };
}): string => event.headers[VIEWER_ADDRESS_HEADER] || event.requestContext.http.sourceIp;
