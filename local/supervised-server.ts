import type { Server as NetServer } from 'node:net';
import { restartBackoffMs } from './dynamodb-local.ts';

/** An HTTP server (connections closed at once) or a plain net server (the SMTP endpoint's). */
type Server = NetServer & { closeAllConnections?: () => void };

export interface SupervisedServerOptions {
  /** As the log lines name it. */
  name: string;
  port: number;
  /** Makes the server and has it listen on `port`. */
  start: () => Promise<Server>;
  log: (line: string) => void;
  onError: (error: unknown) => void;
}

/**
 * An emulator that runs inside this process (the SES emulator, the Step Functions endpoint) is
 * supervised like DynamoDB Local: should its server fail or close without being asked to, it is
 * started again on the same port after a backoff, with a log line, and the runtime goes on.
 */
export const superviseServer = async (
  options: SupervisedServerOptions,
): Promise<{ stop: () => Promise<void> }> => {
  let stopping = false;
  let server: Server;

  const supervise = (current: Server, attempt: number) => {
    let restarted = false;
    const restart = (reason: string) => {
      if (stopping || restarted) return;
      restarted = true;
      current.closeAllConnections?.();
      current.close();
      const backoff = restartBackoffMs(attempt);
      options.log(`${options.name} ${reason}; restarting on port ${options.port} in ${backoff} ms`);
      setTimeout(() => {
        if (stopping) return;
        options.start().then(
          (next) => {
            server = next;
            supervise(next, 0);
            options.log(`${options.name} restarted`);
          },
          (error: unknown) => {
            options.onError(error);
            supervise(current, attempt + 1);
            restarted = false;
            restart('did not start again');
          },
        );
      }, backoff);
    };
    current.on('error', (error) => {
      options.onError(error);
      restart(`failed (${error.message})`);
    });
    current.once('close', () => restart('closed'));
  };

  server = await options.start();
  supervise(server, 0);
  return {
    stop: () => {
      stopping = true;
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
};
