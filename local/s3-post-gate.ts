import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { s3ErrorXml, verifyPostPolicy, type S3ErrorReply } from './s3-post-policy.ts';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * What a local POST upload may buffer: the largest evidence type (video) with room for the form
 * fields. A bigger body is refused before it is read whole.
 */
const MAX_POST_BYTES = 256 * 1024 * 1024;

const reply = (response: ServerResponse, error: S3ErrorReply) => {
  // As the bucket's CORS rules allow any local origin, the page can read why its upload was refused.
  response.writeHead(error.status, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
  response.end(s3ErrorXml(error));
};

/** A path-style POST to a bucket itself (`/bucket`), as a browser's form upload is addressed. */
const bucketOfFormPost = (request: IncomingMessage): string | undefined => {
  if (request.method !== 'POST' || !request.headers['content-type']?.startsWith('multipart/form-data'))
    return undefined;
  const path = (request.url ?? '').split('?')[0]!;
  const match = /^\/([^/]+)\/?$/u.exec(path);
  return match?.[1];
};

/**
 * Puts S3's POST policy checks (./s3-post-policy.ts) in front of the emulator, which accepts any form
 * upload: the body is read and verified, then handed on unchanged, as a replayed request, or refused
 * with S3's XML error. Every other request goes straight through.
 */
export const withPostPolicyGate = (
  emulator: RequestListener,
  credentials: { accessKeyId: string; secretAccessKey: string },
  now: () => Date = () => new Date(),
): RequestListener => {
  return (request, response) => {
    const bucket = bucketOfFormPost(request);
    if (bucket === undefined) {
      emulator(request, response);
      return;
    }
    if (Number(request.headers['content-length'] ?? 0) > MAX_POST_BYTES) {
      reply(response, {
        status: 400,
        code: 'EntityTooLarge',
        message: 'Your proposed upload exceeds the maximum allowed size',
      });
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    const fields: Record<string, string> = {};
    let fileSize = 0;
    let received = 0;
    let failed = false;
    const fail = (error: S3ErrorReply) => {
      if (failed) return;
      failed = true;
      reply(response, error);
      request.resume();
    };
    const parser = busboy({ headers: request.headers, limits: { fieldSize: 64 * 1024 } });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream) => {
      stream.on('data', (data: Buffer) => {
        fileSize += data.length;
      });
    });
    parser.on('error', () =>
      fail({
        status: 400,
        code: 'MalformedPOSTRequest',
        message: 'The body of your POST request is not well-formed multipart/form-data.',
      }),
    );
    parser.on('close', () => {
      if (failed) return;
      const verdict = verifyPostPolicy({ bucket, fields, fileSize }, credentials, now());
      if (!verdict.ok) {
        fail(verdict);
        return;
      }
      // The emulator reads the same request again: method, URL, headers and the buffered body.
      const replay = Object.assign(Readable.from(chunks), {
        method: request.method,
        url: request.url,
        headers: request.headers,
        rawHeaders: request.rawHeaders,
        httpVersion: request.httpVersion,
        httpVersionMajor: request.httpVersionMajor,
        httpVersionMinor: request.httpVersionMinor,
        socket: request.socket,
        connection: request.socket,
        complete: true,
      });
      emulator(replay as unknown as IncomingMessage, response);
    });
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_POST_BYTES) {
        fail({
          status: 400,
          code: 'EntityTooLarge',
          message: 'Your proposed upload exceeds the maximum allowed size',
        });
        return;
      }
      chunks.push(chunk);
    });
    request.pipe(parser);
  };
};
