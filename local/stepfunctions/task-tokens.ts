import { randomBytes } from 'node:crypto';
import { ServiceError } from './service-error.ts';

interface Pending {
  executionArn: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

/** The error a callback task fails with when no answer came in time, as in Step Functions. */
export const statesTimeout = () => Object.assign(new Error('Task timed out'), { name: 'States.Timeout' });

/**
 * Task tokens of callback (`.waitForTaskToken`) tasks: created when such a task starts, answered by
 * SendTaskSuccess / SendTaskFailure, or failed with States.Timeout when its timeout passes.
 */
export class TaskTokens {
  private readonly pending = new Map<string, Pending>();

  /**
   * A fresh token and the promise of its answer. The answer may come (SendTaskFailure included)
   * while the task's function still runs, before anyone awaits it, so it never counts as unhandled.
   * No timer starts here: see `answerWithin`.
   */
  create(executionArn: string): { token: string; answer: Promise<unknown> } {
    const token = randomBytes(48).toString('base64url');
    const answer = new Promise<unknown>((resolve, reject) => {
      this.pending.set(token, { executionArn, resolve, reject });
    });
    answer.catch(() => undefined);
    return { token, answer };
  }

  /**
   * Awaits `task` (the function's invocation, then the token's answer) for at most `timeoutSeconds`,
   * else fails with States.Timeout as Step Functions does. The timer starts as the task is awaited,
   * and both race in one promise, so a timeout is always the task's error, never an unhandled
   * rejection. The token is spent afterwards either way.
   */
  async answerWithin(
    token: string,
    timeoutSeconds: number | undefined,
    task: Promise<unknown>,
  ): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      if (timeoutSeconds !== undefined)
        timer = setTimeout(() => reject(statesTimeout()), timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([task, timeout]);
    } finally {
      clearTimeout(timer);
      this.pending.delete(token);
    }
  }

  private take(token: string): Pending {
    const pending = this.pending.get(token);
    if (!pending)
      throw new ServiceError('TaskDoesNotExist', 'Task Token does not exist or has already been answered');
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
      if (pending.executionArn === executionArn) this.pending.delete(token);
    }
  }

  clear(): void {
    this.pending.clear();
  }
}
