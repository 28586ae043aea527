import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { contentSecurityPolicy } from '../infra/content-security-policy.ts';

/** /config.json: what the pages need to know at run time (the web app's WebConfig). */
export interface WebRuntimeConfig {
  apiUrl: string;
  localLogin: boolean;
}

/** What the local pages may reach besides the API: the S3 emulator (evidence uploads and previews). */
export interface WebOrigins {
  evidence?: string;
}

export type WebHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Serves the built web app the way S3 + CloudFront do in AWS: `/` complaint form, `/track/`,
 * `/survey/`, `/console/`, hashed assets cached for good, and `/config.json` made at run time.
 */
export const createWebHandler = (
  distDirectory: string,
  config: WebRuntimeConfig,
  origins: WebOrigins = {},
): WebHandler => {
  const files = sirv(distDirectory, {
    etag: true,
    setHeaders: (response, pathname) => {
      response.setHeader(
        'cache-control',
        pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const configBody = JSON.stringify(config);
  // The headers CloudFront's response headers policy adds in AWS (HSTS aside: local is plain HTTP), so
  // the browser tests run the pages under the same Content-Security-Policy.
  const securityHeaders = {
    'content-security-policy': contentSecurityPolicy(
      [new URL(config.apiUrl).origin],
      origins.evidence && new URL(origins.evidence).origin,
    ),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  };
  return (request, response) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/config.json') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return response.end(configBody);
    }
    files(request, response, () => {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Not found');
    });
  };
};
