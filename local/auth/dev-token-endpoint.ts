import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileStaffDirectory } from '../../functions/adapters/file-staff-directory.ts';
import { toFieldErrors } from '../../functions/domain/field-errors.ts';
import { STAFF_ROLES } from '../../functions/domain/staff.ts';
import * as z from '../../functions/domain/zod.ts';
import { issueDevToken } from './issue-token.ts';

/** Where the console's local sign-in asks for a token. Only the local gateway has this path. */
export const DEV_TOKEN_PATH = '/local/dev-token';

const MAX_BODY_BYTES = 4 * 1024;

/** Either a member of the seeded staff directory (their id, role, department and address), or any role. */
const devTokenRequestSchema = z
  .strictObject({
    member: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
    role: z.optional(z.enum(STAFF_ROLES)),
    department: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
  })
  .check(
    z.refine((request) => request.member !== undefined || request.role !== undefined, {
      message: 'a role (or a directory member) is required',
      path: ['role'],
    }),
  );

/** The directory the local functions read (local/stack.ts sets the variable). */
const localDirectory = () =>
  fileStaffDirectory(process.env.STAFF_DIRECTORY_FILE ?? 'local/staff-directory.json');

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
  // GET: whom the sign-in page offers (the seeded directory), so a session matches a directory member.
  if (request.method === 'GET') return send(response, 200, { staff: await localDirectory().list() });
  if (request.method !== 'POST') {
    response.setHeader('allow', 'GET, POST');
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
  const { member: memberId, role, department, subject } = parsed.data;
  if (memberId !== undefined || role === undefined) {
    const member = await localDirectory().find(memberId ?? '');
    if (!member) {
      return send(
        response,
        400,
        {
          type: '/problems/validation-error',
          title: 'The request is not valid',
          status: 400,
          errors: [{ field: 'member', message: 'not in the staff directory' }],
        },
        'application/problem+json',
      );
    }
    const token = await issueDevToken({
      role: member.roles[0]!,
      subject: member.id,
      email: member.email,
      ...(member.department ? { department: member.department } : {}),
    });
    return send(response, 200, { token });
  }
  // A subject that is a directory member signs in with the member's address (the sign-in page fills
  // role, department and subject from the member it offers).
  const member = subject ? await localDirectory().find(subject) : undefined;
  send(response, 200, {
    token: await issueDevToken({
      role,
      ...(department === undefined ? {} : { department }),
      ...(subject === undefined ? {} : { subject }),
      ...(member ? { email: member.email } : {}),
    }),
  });
};
