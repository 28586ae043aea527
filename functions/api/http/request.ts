import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problems } from './problem.ts';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/iu;

/**
 * Reads a JSON body: checks the media type (415), the size in bytes (413) and the syntax (400)
 * before anything else looks at it.
 */
export const readJsonBody = (event: APIGatewayProxyEventV2, maxBytes: number): unknown => {
  const contentType = event.headers['content-type'] ?? '';
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim());
  const charset = parameters
    .find((parameter) => parameter.toLowerCase().startsWith('charset='))
    ?.slice('charset='.length)
    .replaceAll('"', '')
    .toLowerCase();
  if (
    !JSON_MEDIA_TYPE.test(mediaType) ||
    (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
  ) {
    throw problems.unsupportedMediaType();
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBytes) throw problems.tooLarge(maxBytes);
  if (bytes.length === 0) throw problems.malformedJson('The body is empty.');
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw problems.malformedJson(error instanceof Error ? error.message : 'Unparsable JSON.');
  }
};

/** A single header or query value; API Gateway v2 joins repeated headers with commas. */
export const headerValue = (event: APIGatewayProxyEventV2, name: string): string | undefined =>
  event.headers[name.toLowerCase()];
