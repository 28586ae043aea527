import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * S3's checks of a browser POST upload (a presigned POST form), which the S3 emulator skips: the SigV4
 * signature over the base64 policy, its expiration, and every condition — exact and `starts-with`
 * matches on fields, the bucket, `content-length-range` on the file — plus S3's rule that every form
 * field is covered by a condition. Written here because no maintained npm package verifies POST
 * policies (the packages found generate them); it follows "Creating a POST policy" and "Calculating a
 * signature" of the S3 API reference.
 */

export interface PostUpload {
  bucket: string;
  /** The form fields as posted (every part but the file), in any letter case. */
  fields: Record<string, string>;
  /** The file's bytes. */
  fileSize: number;
}

export interface S3ErrorReply {
  status: number;
  code: string;
  message: string;
}

export type PostPolicyVerdict = { ok: true } | ({ ok: false } & S3ErrorReply);

type Condition = Record<string, unknown> | unknown[];

const accessDenied = (message: string): PostPolicyVerdict => ({
  ok: false,
  status: 403,
  code: 'AccessDenied',
  message,
});
const policyFailed = (detail: string) => accessDenied(`Invalid according to Policy: ${detail}`);

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** SigV4's signing key for a date, region and service. */
const signingKey = (secret: string, date: string, region: string, service: string) =>
  hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');

/** Form fields S3 does not ask the policy to cover. */
const EXEMPT_FIELDS = new Set(['policy', 'x-amz-signature', 'file']);

const checkSignature = (
  fields: Record<string, string>,
  credentials: { accessKeyId: string; secretAccessKey: string },
): PostPolicyVerdict | undefined => {
  if (fields['x-amz-algorithm'] !== 'AWS4-HMAC-SHA256')
    return accessDenied('Only AWS4-HMAC-SHA256 signed POST uploads are accepted');
  const [accessKeyId, date, region, service, terminator] = (fields['x-amz-credential'] ?? '').split('/');
  if (!accessKeyId || !date || !region || service !== 's3' || terminator !== 'aws4_request')
    return accessDenied('X-Amz-Credential is malformed');
  if (accessKeyId !== credentials.accessKeyId)
    return { ok: false, status: 403, code: 'InvalidAccessKeyId', message: 'The access key does not exist' };
  const expected = hmac(signingKey(credentials.secretAccessKey, date, region, 's3'), fields.policy!);
  const given = Buffer.from(fields['x-amz-signature'] ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return {
      ok: false,
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided',
    };
  return undefined;
};

/** Whether the upload is what its signed policy allows, as S3 would answer it. */
export const verifyPostPolicy = (
  upload: PostUpload,
  credentials: { accessKeyId: string; secretAccessKey: string },
  now: Date,
): PostPolicyVerdict => {
  const fields = Object.fromEntries(
    Object.entries(upload.fields).map(([name, value]) => [name.toLowerCase(), value]),
  );
  // The evidence bucket is private: an unsigned (anonymous) POST is refused.
  if (fields.policy === undefined)
    return accessDenied('Anonymous POST uploads are not allowed on this bucket');
  const signature = checkSignature(fields, credentials);
  if (signature) return signature;
  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(fields.policy, 'base64').toString('utf8')) as typeof policy;
  } catch {
    return { ok: false, status: 400, code: 'InvalidPolicyDocument', message: 'The policy is not valid JSON' };
  }
  const expiration = typeof policy.expiration === 'string' ? Date.parse(policy.expiration) : Number.NaN;
  if (Number.isNaN(expiration) || !Array.isArray(policy.conditions))
    return {
      ok: false,
      status: 400,
      code: 'InvalidPolicyDocument',
      message: 'The policy needs an expiration and conditions',
    };
  if (expiration <= now.getTime()) return policyFailed('Policy expired.');

  const covered = new Set<string>();
  const valueOf = (name: string) => (name === 'bucket' ? upload.bucket : fields[name]);
  for (const condition of policy.conditions as Condition[]) {
    if (Array.isArray(condition)) {
      const [operator, subject, value] = condition as [unknown, unknown, unknown];
      if (operator === 'content-length-range') {
        // ["content-length-range", min, max]
        const [min, max] = [Number(subject), Number(value)];
        if (!(upload.fileSize <= max))
          return {
            ok: false,
            status: 400,
            code: 'EntityTooLarge',
            message: `Your proposed upload exceeds the maximum allowed size (${max} bytes)`,
          };
        if (!(upload.fileSize >= min))
          return {
            ok: false,
            status: 400,
            code: 'EntityTooSmall',
            message: `Your proposed upload is smaller than the minimum allowed size (${min} bytes)`,
          };
        continue;
      }
      if (typeof subject !== 'string' || !subject.startsWith('$') || typeof value !== 'string')
        return policyFailed(`Invalid condition: ${JSON.stringify(condition)}`);
      const name = subject.slice(1).toLowerCase();
      covered.add(name);
      const actual = valueOf(name) ?? '';
      const holds =
        operator === 'eq' ? actual === value : operator === 'starts-with' ? actual.startsWith(value) : false;
      if (!holds) return policyFailed(`Policy Condition failed: ${JSON.stringify(condition)}`);
    } else {
      for (const [rawName, value] of Object.entries(condition)) {
        const name = rawName.toLowerCase();
        covered.add(name);
        if (valueOf(name) !== value)
          return policyFailed(`Policy Condition failed: ${JSON.stringify({ [rawName]: value })}`);
      }
    }
  }
  const extra = Object.keys(fields).filter(
    (name) => !EXEMPT_FIELDS.has(name) && !name.startsWith('x-ignore-') && !covered.has(name),
  );
  if (extra.length > 0) return policyFailed(`Extra input fields: ${extra.join(', ')}`);
  return { ok: true };
};

/** S3's XML error document. */
export const s3ErrorXml = (error: S3ErrorReply): string => {
  const escape = (text: string) =>
    text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escape(error.code)}</Code><Message>${escape(error.message)}</Message></Error>`;
};
