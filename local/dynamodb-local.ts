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
   * storage; resolves once it answers again. With `-inMemory` every item is gone afterwards.
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

export const startDynamoDbLocal = async (options: {
  port: number;
  dataDirectory: string | undefined;
}): Promise<DynamoDbLocal> => {
  const storage = options.dataDirectory ? ['-dbPath', options.dataDirectory] : ['-inMemory'];
  if (options.dataDirectory) mkdirSync(options.dataDirectory, { recursive: true });
  let child = await launch(options.port, storage);
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () => exited(child, 'SIGTERM'),
    restart: async () => {
      await exited(child, 'SIGKILL');
      child = await launch(options.port, storage);
    },
  };
};
