import { randomBytes } from 'node:crypto';
import { ServiceError } from './service-error.ts';

interface Pending {
  executionArn: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/** The error a callback task fails with when no answer came in time, as in Step Functions. */
export const statesTimeout = () => Object.assign(new Error('Task timed out'), { name: 'States.Timeout' });

/**
 * Task tokens of callback (`.waitForTaskToken`) tasks: created when such a task starts, answered by
 * SendTaskSuccess / SendTaskFailure, or failed with States.Timeout when its timeout passes.
 */
export class TaskTokens {
  private readonly pending = new Map<string, Pending>();

  create(
    executionArn: string,
    timeoutSeconds: number | undefined,
  ): { token: string; answer: Promise<unknown> } {
    const token = randomBytes(48).toString('base64url');
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer =
        timeoutSeconds === undefined
          ? undefined
          : setTimeout(() => {
              this.pending.delete(token);
              reject(statesTimeout());
            }, timeoutSeconds * 1000);
      this.pending.set(token, { executionArn, resolve, reject, timer });
    });
    return { token, answer };
  }

  private take(token: string): Pending {
    const pending = this.pending.get(token);
    if (!pending)
      throw new ServiceError('TaskDoesNotExist', 'Task Token does not exist or has already been answered');
    clearTimeout(pending.timer);
    this.pending.delete(token);
    return pending;
  }

  succeed(token: string, output: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new ServiceError('InvalidOutput', 'Invalid output: not JSON');
    }
    this.take(token).resolve(parsed);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    this.take(token).reject(Object.assign(new Error(cause ?? ''), { name: error ?? 'States.TaskFailed' }));
  }

  heartbeat(token: string): void {
    if (!this.pending.has(token)) throw new ServiceError('TaskDoesNotExist', 'Task Token does not exist');
  }

  /** Forgets the tokens of a stopped execution. */
  dropExecution(executionArn: string): void {
    for (const [token, pending] of this.pending) {
      if (pending.executionArn === executionArn) {
        clearTimeout(pending.timer);
        this.pending.delete(token);
      }
    }
  }

  clear(): void {
    for (const pending of this.pending.values()) clearTimeout(pending.timer);
    this.pending.clear();
  }
}
