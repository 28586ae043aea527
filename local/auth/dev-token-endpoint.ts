import type { IncomingMessage, ServerResponse } from 'node:http';
import { toFieldErrors } from '../../functions/domain/field-errors.ts';
import { STAFF_ROLES } from '../../functions/domain/staff.ts';
import * as z from '../../functions/domain/zod.ts';
import { issueDevToken } from './issue-token.ts';

/** Where the console's local sign-in asks for a token. Only the local gateway has this path. */
export const DEV_TOKEN_PATH = '/local/dev-token';

const MAX_BODY_BYTES = 4 * 1024;

const devTokenRequestSchema = z.strictObject({
  role: z.enum(STAFF_ROLES),
  department: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
  subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
});

const send = (response: ServerResponse, status: number, body: unknown, type = 'application/json') => {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

const readSmallBody = async (request: IncomingMessage): Promise<string | undefined> => {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > MAX_BODY_BYTES) return undefined;
  }
  return text;
};

/**
 * The local sign-in of the staff console: mints a development token (`npm run token` over HTTP).
 * It proves nothing about the caller, which is why it exists only in the local runtime; in AWS staff
 * sign in through the Cognito hosted UI.
 */
export const handleDevTokenRequest = async (request: IncomingMessage, response: ServerResponse) => {
  if (request.method !== 'POST') {
    response.setHeader('allow', 'POST');
    return send(
      response,
      405,
      { type: 'about:blank', title: 'Method Not Allowed', status: 405 },
      'application/problem+json',
    );
  }
  const text = await readSmallBody(request);
  let body: unknown;
  try {
    body = text === undefined ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = devTokenRequestSchema.safeParse(body);
  if (!parsed.success) {
    const problem = { type: '/problems/validation-error', title: 'The request is not valid', status: 400 };
    return send(
      response,
      400,
      { ...problem, errors: toFieldErrors(parsed.error) },
      'application/problem+json',
    );
  }
  send(response, 200, { token: await issueDevToken(parsed.data) });
};
