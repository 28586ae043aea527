import type middy from '@middy/core';
import { jsonContentTypePattern } from '@middy/util';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problems } from './problem.ts';

export interface JsonBodyOptions {
  /** The largest body the route reads, in bytes as the client sent it (a base64 body decoded). */
  maxBytes: number;
}

const charsetOf = (contentType: string): string | undefined =>
  contentType
    .split(';')
    .slice(1)
    .map((parameter) => parameter.trim())
    .find((parameter) => parameter.toLowerCase().startsWith('charset='))
    ?.slice('charset='.length)
    .replaceAll('"', '')
    .toLowerCase();

/**
 * What `@middy/http-json-body-parser` leaves to us, checked before it parses: a charset other than
 * UTF-8 (415; it decodes every body as UTF-8), the route's byte limit on the raw body (413; it has
 * none) and an empty body (400 with its own detail; it would call that unparsable). A body that is
 * not JSON at all is left to the parser, which refuses it with 415 before any of this matters.
 */
export const jsonBodyLimits = ({
  maxBytes,
}: JsonBodyOptions): middy.MiddlewareObj<APIGatewayProxyEventV2, unknown> => ({
  before: ({ event }) => {
    const contentType = event.headers['content-type'] ?? '';
    if (!jsonContentTypePattern.test(contentType)) return;
    const charset = charsetOf(contentType);
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      throw problems.unsupportedMediaType();
    }
    const body = event.body ?? '';
    const bytes = Buffer.byteLength(body, event.isBase64Encoded ? 'base64' : 'utf8');
    if (bytes > maxBytes) throw problems.tooLarge(maxBytes);
    if (bytes === 0) throw problems.malformedJson('The body is empty.');
  },
});
