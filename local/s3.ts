import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { LOCAL_CREDENTIALS } from './aws-local.ts';
import { withPostPolicyGate } from './s3-post-gate.ts';
import { superviseServer } from './supervised-server.ts';

/** The S3 buckets of the local runtime, named as the functions' environment names them. */
export const LOCAL_BUCKETS = {
  /** Evidence files (photos, documents) uploaded to complaints. */
  evidence: 'complaint-evidence',
  /** Raw inbound mail, as SES receiving stores it in AWS. */
  inboundMail: 'inbound-mail',
} as const;

/**
 * The evidence bucket's CORS rules: form uploads and downloads from the local pages (any origin: the
 * local pages run on a port chosen at start; the deployed bucket allows only the web origin).
 */
const EVIDENCE_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

interface S3rverInstance {
  callback: () => (request: unknown, response: unknown) => void;
  configureBuckets: () => Promise<void>;
  on: (event: 'event', listener: (event: S3Event) => void) => void;
  reset: () => void;
}

const require = createRequire(import.meta.url);
// @20minutes/s3rver (maintained fork of s3rver) is CommonJS with a class as its export.
const S3rver = require('@20minutes/s3rver') as new (options: {
  silent: boolean;
  directory: string;
  vhostBuckets: boolean;
  configureBuckets: { name: string; configs?: string[] }[];
}) => S3rverInstance;
// s3rver checks request signatures against its accounts; the local runtime's credentials become one.
(
  require('@20minutes/s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair: (accessKeyId: string, secretAccessKey: string) => void };
  }
).DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);

export interface LocalS3Options {
  port: number;
  /** Where objects are kept; undefined keeps them in a temporary directory removed at stop. */
  dataDirectory: string | undefined;
  /** Like an S3 event notification: called after an object is created or deleted. */
  onEvent: (event: S3Event) => void;
  log: (line: string) => void;
  onError: (error: unknown) => void;
}

/**
 * The S3 stand-in: s3rver (S3's REST protocol, presigned URLs and POST uploads, event records in S3's
 * own shape) served by a supervised server of ours, so it restarts like the other emulators.
 */
export const startLocalS3 = async (options: LocalS3Options): Promise<{ stop: () => Promise<void> }> => {
  const directory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), 'complaints-s3-'));
  const s3 = new S3rver({
    silent: true,
    directory,
    // Path-style addressing (http://127.0.0.1:port/bucket/key): no wildcard DNS on loopback.
    vhostBuckets: false,
    configureBuckets: [
      // The pages upload evidence straight from the browser (a form POST) and show it (GET): CORS.
      { name: LOCAL_BUCKETS.evidence, configs: [EVIDENCE_CORS] },
      { name: LOCAL_BUCKETS.inboundMail },
    ],
  });
  s3.on('event', (event) => {
    try {
      options.onEvent(event);
    } catch (error) {
      options.onError(error);
    }
  });
  await s3.configureBuckets();
  const supervised = await superviseServer({
    name: 'S3 emulator',
    port: options.port,
    start: () =>
      new Promise<Server>((resolve, reject) => {
        const server = createServer(
          withPostPolicyGate(s3.callback() as Parameters<typeof withPostPolicyGate>[0], LOCAL_CREDENTIALS),
        );
        server.once('error', reject);
        server.listen(options.port, '127.0.0.1', () => resolve(server));
      }),
    log: options.log,
    onError: options.onError,
  });
  return {
    stop: async () => {
      await supervised.stop();
      if (!options.dataDirectory) rmSync(directory, { recursive: true, force: true });
    },
  };
};
