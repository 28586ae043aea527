/**
 * Prints a local staff token, and nothing else on stdout:
 *   TOKEN=$(npm run -s token -- --role agent --department quality)
 *   curl -H "authorization: Bearer $TOKEN" http://127.0.0.1:3000/v1/staff/…
 */
import { parseArgs } from 'node:util';
import { STAFF_ROLES, type StaffRole } from '../functions/domain/staff.ts';
import { issueDevToken } from './auth/issue-token.ts';

const USAGE =
  `npm run token -- --role <${STAFF_ROLES.join('|')}> [--department <name>] ` +
  '[--subject <id>] [--email <address>] [--expires-in <seconds>]';

/** One line on stderr and the exit code of bad usage, so `TOKEN=$(…)` fails visibly and captures nothing. */
function usageError(message: string): never {
  console.error(`error: ${message}`);
  process.exit(2);
}

const isStaffRole = (value: string): value is StaffRole => (STAFF_ROLES as readonly string[]).includes(value);

const parse = () => {
  try {
    return parseArgs({
      options: {
        role: { type: 'string' },
        department: { type: 'string' },
        subject: { type: 'string' },
        email: { type: 'string' },
        'expires-in': { type: 'string' },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    return usageError(`${error instanceof Error ? error.message : String(error)}; usage: ${USAGE}`);
  }
};

const values = parse();
const { role } = values;
if (role === undefined) usageError(`--role is required; usage: ${USAGE}`);
if (!isStaffRole(role)) usageError(`--role must be one of ${STAFF_ROLES.join(', ')}, got "${role}"`);

const expiresIn = values['expires-in'];
const expiresInSeconds = expiresIn === undefined ? undefined : Number(expiresIn);
if (expiresInSeconds !== undefined && !(Number.isInteger(expiresInSeconds) && expiresInSeconds > 0)) {
  usageError(`--expires-in must be a positive whole number of seconds, got "${expiresIn}"`);
}

try {
  const token = await issueDevToken({
    role,
    department: values.department,
    subject: values.subject,
    email: values.email,
    expiresInSeconds,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
