import { GetObjectCommand, GetObjectTaggingCommand, NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyPostPolicy } from '../../../local/s3-post-policy.ts';
import { s3, stubAwsCalls } from '../../support/aws-calls.ts';
import { useTestEnvironment } from '../../support/lambda.ts';

useTestEnvironment();

const BUCKET = 'complaint-evidence';
const KEY = 'complaints/01JAAAAAAAAAAAAAAAAAAAAAAA/01JBBBBBBBBBBBBBBBBBBBBBBB';
const NOW = new Date('2026-03-02T10:00:00.000Z');
/** useTestEnvironment's credentials: the signatures below are made with them. */
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * The adapter with a fresh S3 client, as a container would start: path-style on the local emulator
 * (AWS_ENDPOINT_URL_S3 set), virtual-hosted on AWS.
 */
const loadStorage = async (endpoint: string | undefined) => {
  vi.stubEnv('EVIDENCE_BUCKET', BUCKET);
  vi.stubEnv('AWS_ENDPOINT_URL_S3', endpoint);
  vi.resetModules();
  const { evidenceStorage, MALWARE_SCAN_TAG } =
    await import('../../../functions/adapters/evidence-storage.ts');
  return { evidenceStorage, MALWARE_SCAN_TAG };
};

/** A GetObject body as the SDK hands it over; only the read the adapter makes. */
const body = (bytes: Uint8Array) =>
  ({ transformToByteArray: () => Promise.resolve(bytes) }) as unknown as NonNullable<
    Awaited<ReturnType<typeof s3.send>>
  >;

beforeEach(() => {
  stubAwsCalls();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('evidence storage: upload forms (presigned POST)', () => {
  it('posts to the bucket path-style on the local emulator, with a policy S3 accepts for the declared file only', async () => {
    const { evidenceStorage } = await loadStorage('http://127.0.0.1:4569');

    const form = await evidenceStorage.uploadForm(KEY, 'image/png', 1000, 900);

    expect(form.url).toBe(`http://127.0.0.1:4569/${BUCKET}`);
    expect(form.fields).toMatchObject({
      key: KEY,
      'Content-Type': 'image/png',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'test/20260302/us-east-1/s3/aws4_request',
      'X-Amz-Date': '20260302T100000Z',
    });
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.expiration).toBe('2026-03-02T10:15:00Z');
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['content-length-range', 1, 1000],
        ['eq', '$Content-Type', 'image/png'],
        { key: KEY },
        { bucket: BUCKET },
      ]),
    );
    // The signature checked as S3 checks it (the local gate's verifier), and the declared limits held.
    const verify = (fields: Record<string, string>, fileSize: number) =>
      verifyPostPolicy({ bucket: BUCKET, fields, fileSize }, CREDENTIALS, NOW);
    expect(verify(form.fields, 1000)).toEqual({ ok: true });
    expect(verify(form.fields, 1001)).toMatchObject({ ok: false, code: 'EntityTooLarge' });
    expect(verify({ ...form.fields, 'Content-Type': 'text/html' }, 10)).toMatchObject({ ok: false });
    expect(verify({ ...form.fields, key: `${KEY}-other` }, 10)).toMatchObject({ ok: false });
  });

  it('posts to the virtual-hosted bucket on AWS', async () => {
    const { evidenceStorage } = await loadStorage(undefined);

    const form = await evidenceStorage.uploadForm(KEY, 'application/pdf', 1000, 900);

    expect(new URL(form.url).host).toBe(`${BUCKET}.s3.us-east-1.amazonaws.com`);
  });
});

describe('evidence storage: download links (presigned GET)', () => {
  it('signs a GET of the key that always downloads, as the stored type, for the given time', async () => {
    const { evidenceStorage } = await loadStorage('http://127.0.0.1:4569');

    const url = new URL(await evidenceStorage.downloadUrl(KEY, 'photo.png', 'image/png', 300));

    expect(`${url.origin}${url.pathname}`).toBe(`http://127.0.0.1:4569/${BUCKET}/${KEY}`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'response-content-disposition': 'attachment',
      'response-content-type': 'image/png',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'test/20260302/us-east-1/s3/aws4_request',
      'X-Amz-Date': '20260302T100000Z',
      'X-Amz-Expires': '300',
    });
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/u);
    expect(s3.calls()).toHaveLength(0);
  });

  it('addresses the virtual-hosted bucket on AWS', async () => {
    const { evidenceStorage } = await loadStorage(undefined);

    const url = new URL(await evidenceStorage.downloadUrl(KEY, 'photo.png', 'image/png', 300));

    expect(url.host).toBe(`${BUCKET}.s3.us-east-1.amazonaws.com`);
    expect(url.pathname).toBe(`/${KEY}`);
  });
});

describe('evidence storage: first bytes (ranged GET)', () => {
  it('reads only the first bytes, with the stored type and user metadata', async () => {
    const { evidenceStorage } = await loadStorage('http://127.0.0.1:4569');
    const firstBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    s3.on(GetObjectCommand).resolves({
      Body: body(firstBytes) as never,
      ContentType: 'image/png',
      Metadata: { 'uploaded-by': 'customer' },
    });

    const start = await evidenceStorage.start(KEY, 16);

    expect(start).toEqual({ firstBytes, contentType: 'image/png', metadata: { 'uploaded-by': 'customer' } });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, { Bucket: BUCKET, Key: KEY, Range: 'bytes=0-15' });
  });

  it('answers undefined when there is no such object', async () => {
    const { evidenceStorage } = await loadStorage('http://127.0.0.1:4569');
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );

    await expect(evidenceStorage.start(KEY, 16)).resolves.toBeUndefined();
  });

  it('fails on any other error (a missing bucket is a misconfiguration, not a missing file)', async () => {
    const { evidenceStorage } = await loadStorage('http://127.0.0.1:4569');
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({ name: 'NoSuchBucket', $fault: 'client', $metadata: { httpStatusCode: 404 } }),
    );

    await expect(evidenceStorage.start(KEY, 16)).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});

describe('evidence storage: malware scan verdict (object tagging)', () => {
  it("reads GuardDuty's tag among the object's tags", async () => {
    const { evidenceStorage, MALWARE_SCAN_TAG } = await loadStorage('http://127.0.0.1:4569');
    s3.on(GetObjectTaggingCommand).resolves({
      TagSet: [
        { Key: 'other', Value: 'x' },
        { Key: MALWARE_SCAN_TAG, Value: 'NO_THREATS_FOUND' },
      ],
    });

    await expect(evidenceStorage.scanStatus(KEY)).resolves.toBe('NO_THREATS_FOUND');
    expect(s3).toHaveReceivedCommandWith(GetObjectTaggingCommand, { Bucket: BUCKET, Key: KEY });
  });

  it('answers undefined while the object is not scanned, and when there is no such object', async () => {
    const { evidenceStorage } = await loadStorage('http://127.0.0.1:4569');
    s3.on(GetObjectTaggingCommand)
      .resolvesOnce({ TagSet: [{ Key: 'other', Value: 'x' }] })
      .rejectsOnce(
        new S3ServiceException({ name: 'NoSuchKey', $fault: 'client', $metadata: { httpStatusCode: 404 } }),
      );

    await expect(evidenceStorage.scanStatus(KEY)).resolves.toBeUndefined();
    await expect(evidenceStorage.scanStatus(KEY)).resolves.toBeUndefined();
    expect(s3).toHaveReceivedCommandTimes(GetObjectTaggingCommand, 2);
  });
});
