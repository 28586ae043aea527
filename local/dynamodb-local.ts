import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from './aws-local.ts';

const require = createRequire(import.meta.url);

/** The DynamoDBLocal.jar that ships inside the amplify-dynamodb-simulator package. */
const emulatorDirectory = (): string =>
  join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');

export interface DynamoDbLocal {
  endpoint: string;
  stop: () => Promise<void>;
  /**
   * Kills the Java process as a crash would (SIGKILL) and starts it again on the same port and
   * storage at once (the fault benchmark); resolves once it answers again. With `-inMemory` every
   * item is gone afterwards.
   */
  restart: () => Promise<void>;
}

const waitUntilServing = async (endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> => {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
};

const exited = (child: ChildProcess, signal: NodeJS.Signals): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** Starts the Java process and waits until it answers; kills it when it does not. */
const launch = async (port: number, storage: string[]): Promise<ChildProcess> => {
  const child = spawn(
    'java',
    [
      '-Djava.library.path=./DynamoDBLocal_lib',
      '-jar',
      'DynamoDBLocal.jar',
      '-port',
      String(port),
      '-sharedDb',
      ...storage,
    ],
    { cwd: emulatorDirectory(), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    await waitUntilServing(`http://127.0.0.1:${port}`, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`);
  }
  return child;
};

/** Backoff before the n-th restart in a row (n from 0): 0.5 s doubling, at most 10 s. */
export const restartBackoffMs = (attempt: number): number => Math.min(10_000, 500 * 2 ** attempt);
/** A process that served this long counts as healthy: the next crash starts the backoff afresh. */
const HEALTHY_AFTER_MS = 30_000;

export interface DynamoDbLocalOptions {
  port: number;
  dataDirectory: string | undefined;
  /** One line per crash and restart. @default console.log */
  log?: (line: string) => void;
  /** After a restart the process answers again (the table may need making again in memory). */
  onRestarted?: () => Promise<void>;
  /** @default console.error */
  onError?: (error: unknown) => void;
}

/**
 * Starts DynamoDB Local and supervises it as a managed service is: when the Java process dies
 * (a crash, an OOM kill, SIGKILL), it is started again on the same port and storage after a
 * backoff, with a log line, until it serves again; meanwhile calls fail with connection errors that
 * the SDK retries. `stop` ends the supervision first.
 */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions): Promise<DynamoDbLocal> => {
  const storage = options.dataDirectory ? ['-dbPath', options.dataDirectory] : ['-inMemory'];
  if (options.dataDirectory) mkdirSync(options.dataDirectory, { recursive: true });
  const { log = console.log, onError = console.error } = options;
  let stopping = false;
  let child: ChildProcess;
  let crashesInARow = 0;

  const supervise = (java: ChildProcess) => {
    const startedAt = Date.now();
    java.once('exit', (code, signal) => {
      // Exits asked for (stop, restart) are not crashes.
      if (stopping || java !== child) return;
      const attempt = Date.now() - startedAt > HEALTHY_AFTER_MS ? 0 : crashesInARow + 1;
      void relaunch(attempt, `exited (${signal ?? `code ${code}`})`);
    });
  };

  const relaunch = async (attempt: number, reason: string): Promise<void> => {
    crashesInARow = attempt;
    const backoff = restartBackoffMs(attempt);
    log(
      `DynamoDB Local ${reason}; restarting on the same ${options.dataDirectory ? 'data' : 'port (in memory: empty)'} in ${backoff} ms`,
    );
    await new Promise((resolve) => setTimeout(resolve, backoff));
    if (stopping) return;
    const started = performance.now();
    try {
      child = await launch(options.port, storage);
      supervise(child);
      await options.onRestarted?.();
      log(`DynamoDB Local restarted, serving again after ${(performance.now() - started).toFixed(0)} ms`);
    } catch (error) {
      onError(error);
      if (!stopping) await relaunch(attempt + 1, 'did not start again');
    }
  };

  child = await launch(options.port, storage);
  supervise(child);
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () => {
      stopping = true;
      return exited(child, 'SIGTERM');
    },
    restart: async () => {
      const crashed = child;
      // A new, not yet started process takes the place first, so the exit is not seen as a crash.
      child = undefined as unknown as ChildProcess;
      await exited(crashed, 'SIGKILL');
      child = await launch(options.port, storage);
      supervise(child);
      await options.onRestarted?.();
    },
  };
};
