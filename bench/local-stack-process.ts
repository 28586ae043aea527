import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { devKeys } from '../local/auth/dev-keys.ts';
import { freePort } from '../local/ports.ts';
import { REPO_ROOT } from '../local/paths.ts';

const STARTUP_TIMEOUT_MS = 90_000;

export interface StackProcess {
  urls: { api: string; ses: string; dynamoDb: string; stepFunctions: string; s3: string; smtp: string };
  /** Every line the stack printed (stdout and stderr), for the log checks. */
  output: string[];
  /** The key file its staff tokens are signed with (DEV_AUTH_KEY_FILE). */
  devAuthKeyFile: string;
  /** Sends the stack process a signal (SIGUSR2 restarts DynamoDB Local when opted in). */
  signal: (name: NodeJS.Signals) => void;
  /** The stack process's id (its emulators are its children). */
  pid: number;
  /** Whether the stack process is still running. */
  alive: () => boolean;
  stop: () => Promise<void>;
}

export interface StackProcessOptions {
  /** Run the stream poller and the workflows (default true). */
  workflows?: boolean;
  slaTimeScale?: number;
  /**
   * Keep the data on disk in this directory (DATA_DIR) instead of in memory (the default), e.g. to
   * restart DynamoDB Local without losing it.
   */
  dataDirectory?: string;
  /** Extra environment for the stack process (e.g. to point SES elsewhere). */
  env?: Record<string, string>;
}

/** The benchmark stacks' proof-of-work difficulty (PROOF_OF_WORK_MAX_COUNTER; the policy's is 100,000). */
export const BENCH_PROOF_OF_WORK_MAX_COUNTER = '1000';

/**
 * The local stack as `npm start -- --in-memory` (or on disk in a data directory of its own) runs
 * it, in its own process on free ports: the load generators of the benchmarks then do not share an
 * event loop with the code they measure.
 */
export const startStackProcess = async (options: StackProcessOptions = {}): Promise<StackProcess> => {
  const ports = {
    PORT: await freePort(),
    SES_PORT: await freePort(),
    DYNAMODB_PORT: await freePort(),
    SFN_PORT: await freePort(),
    S3_PORT: await freePort(),
    SMTP_PORT: await freePort(),
  };
  const devAuthKeyFile = join(mkdtempSync(join(tmpdir(), 'complaints-bench-')), 'dev-auth-key.json');
  await devKeys(devAuthKeyFile);
  const args = ['--import', 'tsx', 'local/main.ts'];
  if (options.dataDirectory === undefined) args.push('--in-memory');
  if (options.workflows === false) args.push('--without-workflows');
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      SLA_TIME_SCALE: String(options.slaTimeScale ?? 1),
      DEV_AUTH_KEY_FILE: devAuthKeyFile,
      ...(options.dataDirectory === undefined ? {} : { DATA_DIR: options.dataDirectory }),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'INFO',
      // A token proof of work: the load generators solve one per submission (test/support/proof-of-work.ts)
      // and measure the API, not their own hashing.
      PROOF_OF_WORK_MAX_COUNTER: BENCH_PROOF_OF_WORK_MAX_COUNTER,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local stack not ready:\n${output.join('\n')}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited with ${code}:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      if (/\bready\b/u.test(line)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    urls: {
      api: `http://127.0.0.1:${ports.PORT}`,
      ses: `http://127.0.0.1:${ports.SES_PORT}`,
      dynamoDb: `http://127.0.0.1:${ports.DYNAMODB_PORT}`,
      stepFunctions: `http://127.0.0.1:${ports.SFN_PORT}`,
      s3: `http://127.0.0.1:${ports.S3_PORT}`,
      smtp: `smtp://127.0.0.1:${ports.SMTP_PORT}`,
    },
    output,
    devAuthKeyFile,
    signal: (name) => child.kill(name),
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};

/** Environment that points this process's AWS SDK and adapters at a stack process. */
export const useStackProcess = (stack: StackProcess): void => {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: stack.urls.dynamoDb,
    AWS_ENDPOINT_URL_SFN: stack.urls.stepFunctions,
    AWS_ENDPOINT_URL_SES: stack.urls.ses,
    TABLE_NAME: 'complaints',
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:complaint-lifecycle',
    POLICY_FILE: join(REPO_ROOT, 'policy/complaint-policy.json'),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    DEV_AUTH_KEY_FILE: stack.devAuthKeyFile,
  });
};
