import { VIEWER_ADDRESS_HEADER } from '../functions/api/http/client-address.ts';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { isStaffRoute, type RouteDefinition } from '../functions/routes.ts';
import { authorizeRequest } from './auth/authorizer.ts';
import { DEV_TOKEN_PATH, handleDevTokenRequest } from './auth/dev-token-endpoint.ts';
import { devKeys } from './auth/dev-keys.ts';
import { invokeLambda } from './lambda/invoke.ts';
import type { WebHandler } from './web-app.ts';

/** API Gateway's own payload limit; the handlers enforce their smaller ones. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** HTTP API's integration timeout: it answers 503 then, whatever the function still does. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  parameters: string[];
}

const compile = (route: RouteDefinition): CompiledRoute => {
  const parameters: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/gu, '\\$&')
    .replace(/\\?\{(\w+)\\?\}/gu, (_m, name: string) => {
      parameters.push(name);
      return '([^/]+)';
    });
  return { route, pattern: new RegExp(`^${source}$`, 'u'), parameters };
};

const gatewayProblem = (response: ServerResponse, status: number, title: string) => {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status }));
};

/**
 * What the JWT authorizer answers instead of calling the handler. API Gateway's body is
 * `{"message":"Unauthorized"}`; here it is a problem document like the handlers' errors. The
 * challenge follows RFC 6750: no error code when no token was sent.
 */
const unauthorized = (response: ServerResponse, reason: string, tokenPresented: boolean) => {
  const challenge = tokenPresented
    ? `Bearer error="invalid_token", error_description="${reason.replaceAll('"', "'")}"`
    : 'Bearer';
  response.writeHead(401, { 'content-type': 'application/problem+json', 'www-authenticate': challenge });
  response.end(
    JSON.stringify({ type: '/problems/unauthorized', title: 'Unauthorized', status: 401, detail: reason }),
  );
};

/** The local identity provider's public key, for whoever wants to check a token by hand. */
const JWKS_PATH = '/.well-known/jwks.json';

const readBody = (request: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });

const TEXTUAL = /^(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml|x-www-form-urlencoded))/iu;

/** Builds the API Gateway HTTP API (payload 2.0) event for a request, as the real service does. */
const toEvent = (
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  matched: CompiledRoute,
  match: RegExpExecArray,
): APIGatewayProxyEventV2 => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // As CloudFront's viewer-request function does in AWS: the viewer's address, whatever the client sent.
  headers[VIEWER_ADDRESS_HEADER] = request.socket.remoteAddress ?? '127.0.0.1';
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const pathParameters = Object.fromEntries(
    matched.parameters.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]),
  );
  const contentType = headers['content-type'] ?? '';
  const textual = body.length === 0 || TEXTUAL.test(contentType);
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `${matched.route.method} ${matched.route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(matched.parameters.length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${matched.route.method} ${matched.route.path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !textual,
  };
};

/** Whether a matched path segment is valid percent-encoding (else decoding it would throw). */
const decodable = (segment: string): boolean => {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
};

const writeResult = (response: ServerResponse, result: APIGatewayProxyStructuredResultV2) => {
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode ?? 200, headers);
  const body = result.body ?? '';
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
};

export interface GatewayExtras {
  /** Serves the web app (what CloudFront serves in AWS) for GET/HEAD paths outside the API. */
  web?: WebHandler;
  /** The console's local sign-in at DEV_TOKEN_PATH (never in AWS). */
  devTokens?: boolean;
  /** Tests only: a shorter integration timeout. @default INTEGRATION_TIMEOUT_MS */
  integrationTimeoutMs?: number;
}

/**
 * The function's result, or 'timed-out' after the integration timeout; the invocation goes on and
 * its late outcome is dropped (an error is still reported), as API Gateway does.
 */
const withinIntegrationTimeout = async <T>(
  invocation: Promise<T>,
  timeoutMs: number,
  onError: (error: unknown) => void,
): Promise<T | 'timed-out'> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
  });
  try {
    const outcome = await Promise.race([invocation, timeout]);
    if (outcome === 'timed-out') invocation.catch(onError);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
};

/**
 * The local API Gateway: serves every route of routes.ts by invoking its handler with a payload 2.0
 * event. Unknown paths are 404 and known paths with another method 405, as on AWS. Staff routes
 * pass the local JWT authorizer first (local/auth), which puts the claims where AWS puts them.
 * With `extras` it also serves the web app and the local sign-in, so pages and API share an origin.
 *
 * Failures answer as HTTP API does, with problem documents instead of its `{"message": …}` bodies: a
 * function that fails (an error it does not handle, its timeout, a response over Lambda's 6 MB) is
 * 500 Internal Server Error; no answer within the 30 s integration timeout is 503 Service Unavailable.
 */
export const createGateway = (
  routes: readonly RouteDefinition[],
  onError: (error: unknown) => void,
  extras: GatewayExtras = {},
): Server => {
  const compiled = routes.map(compile);
  return createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === JWKS_PATH && request.method === 'GET') {
        response.writeHead(200, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ keys: [(await devKeys()).publicJwk] }));
      }
      if (extras.devTokens && url.pathname === DEV_TOKEN_PATH)
        return handleDevTokenRequest(request, response);
      const candidates = compiled
        .map((route) => ({ route, match: route.pattern.exec(url.pathname) }))
        .filter((candidate) => candidate.match !== null);
      const isPageRequest = request.method === 'GET' || request.method === 'HEAD';
      if (candidates.length === 0 && extras.web && isPageRequest && !url.pathname.startsWith('/v1/'))
        return extras.web(request, response);
      if (candidates.length === 0) return gatewayProblem(response, 404, 'Not Found');
      const found = candidates.find((candidate) => candidate.route.route.method === request.method);
      if (!found) return gatewayProblem(response, 405, 'Method Not Allowed');
      // Malformed percent-encoding in a path parameter is the client's error, as on API Gateway.
      if (!found.match!.slice(1).every(decodable)) return gatewayProblem(response, 400, 'Bad Request');
      const body = await readBody(request);
      if (body === 'too-large') return gatewayProblem(response, 413, 'Request Entity Too Large');
      let event: APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer = toEvent(
        request,
        url,
        body,
        found.route,
        found.match!,
      );
      if (isStaffRoute(found.route.route)) {
        const authorization = await authorizeRequest(request.headers.authorization);
        if (!authorization.ok)
          return unauthorized(response, authorization.reason, authorization.tokenPresented);
        event = {
          ...event,
          requestContext: { ...event.requestContext, authorizer: authorization.authorizer },
        };
      }
      const result = await withinIntegrationTimeout(
        invokeLambda(found.route.route.name, found.route.route.entry, event),
        extras.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS,
        onError,
      );
      if (result === 'timed-out') return gatewayProblem(response, 503, 'Service Unavailable');
      writeResult(response, (result as APIGatewayProxyStructuredResultV2 | null) ?? { statusCode: 200 });
    })().catch((error: unknown) => {
      onError(error);
      if (!response.headersSent) gatewayProblem(response, 500, 'Internal Server Error');
    });
  });
};
