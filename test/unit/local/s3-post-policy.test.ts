import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../../local/aws-local.ts';
import { s3ErrorXml, verifyPostPolicy } from '../../../local/s3-post-policy.ts';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const BUCKET = 'complaint-evidence';
const KEY = 'complaints/01JAAAAAAAAAAAAAAAAAAAAAAA/01JBBBBBBBBBBBBBBBBBBBBBBB';

/** A form as the functions sign it (functions/adapters/evidence-storage.ts), with the SDK's own signer. */
const signedForm = async (credentials = LOCAL_CREDENTIALS) => {
  const client = new S3Client({
    region: 'us-east-1',
    credentials,
    endpoint: 'http://127.0.0.1:1',
    forcePathStyle: true,
    systemClockOffset: NOW.getTime() - Date.now(),
  });
  const { fields } = await createPresignedPost(client, {
    Bucket: BUCKET,
    Key: KEY,
    Conditions: [
      ['content-length-range', 1, 1000],
      ['eq', '$Content-Type', 'image/png'],
    ],
    Fields: { 'Content-Type': 'image/png' },
    Expires: 900,
  });
  return fields;
};

const verify = (fields: Record<string, string>, fileSize = 500, now = NOW) =>
  verifyPostPolicy({ bucket: BUCKET, fields, fileSize }, LOCAL_CREDENTIALS, now);

describe('local S3 POST policy gate', () => {
  it('accepts the upload the form was signed for', async () => {
    expect(verify(await signedForm())).toEqual({ ok: true });
  });

  it('refuses a file larger than the range, and an empty one', async () => {
    const fields = await signedForm();
    expect(verify(fields, 1001)).toMatchObject({ ok: false, status: 400, code: 'EntityTooLarge' });
    expect(verify(fields, 1000)).toEqual({ ok: true });
    expect(verify(fields, 0)).toMatchObject({ ok: false, status: 400, code: 'EntityTooSmall' });
  });

  it('refuses another content type or key than the policy names', async () => {
    const fields = await signedForm();
    expect(verify({ ...fields, 'Content-Type': 'application/x-msdownload' })).toMatchObject({
      ok: false,
      status: 403,
      code: 'AccessDenied',
    });
    expect(verify({ ...fields, key: `${KEY}-other` })).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('refuses another bucket, an expired form and fields the policy does not cover', async () => {
    const fields = await signedForm();
    expect(
      verifyPostPolicy({ bucket: 'inbound-mail', fields, fileSize: 1 }, LOCAL_CREDENTIALS, NOW),
    ).toMatchObject({
      code: 'AccessDenied',
    });
    expect(verify(fields, 500, new Date(NOW.getTime() + 901_000))).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy expired.',
    });
    expect(verify({ ...fields, 'x-amz-meta-source': 'email' })).toMatchObject({
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: x-amz-meta-source',
    });
    expect(verify({ ...fields, 'x-ignore-note': 'free' })).toEqual({ ok: true });
  });

  it('refuses a policy signed with another secret, a changed policy and an unsigned form', async () => {
    const forged = await signedForm({ accessKeyId: LOCAL_CREDENTIALS.accessKeyId, secretAccessKey: 'guess' });
    expect(verify(forged)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const fields = await signedForm();
    const widened = Buffer.from(
      Buffer.from(fields.Policy!, 'base64').toString('utf8').replace('1000', '999999999'),
    ).toString('base64');
    expect(verify({ ...fields, Policy: widened }, 5000)).toMatchObject({ code: 'SignatureDoesNotMatch' });
    const { Policy: _policy, 'X-Amz-Signature': _signature, ...unsigned } = fields;
    expect(verify(unsigned)).toMatchObject({ status: 403, code: 'AccessDenied' });
    const otherKey = await signedForm({ accessKeyId: 'someone', secretAccessKey: 'else' });
    expect(verify(otherKey)).toMatchObject({ code: 'InvalidAccessKeyId' });
  });

  it('answers in S3’s XML error document, escaped', () => {
    expect(s3ErrorXml({ status: 400, code: 'EntityTooLarge', message: 'a < b' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>EntityTooLarge</Code><Message>a &lt; b</Message></Error>',
    );
  });
});
