import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Updates arriving within this window share one write. */
const FLUSH_DELAY_MS = 10;

/**
 * A small JSON document kept on disk (or only in memory when no path is given). Updates apply at
 * once in memory; the promise an update returns resolves when a write containing it is on disk.
 * Writes are atomic (write, then rename) and coalesced.
 */
export class JsonFile<T> {
  private current: T;
  private flush: Promise<void> | undefined;

  constructor(
    private readonly path: string | undefined,
    initial: T,
  ) {
    this.current = initial;
    if (path) {
      try {
        this.current = JSON.parse(readFileSync(path, 'utf8')) as T;
      } catch {
        // A missing or unreadable file starts from the initial value.
      }
    }
  }

  get value(): T {
    return this.current;
  }

  update(change: (value: T) => T): Promise<void> {
    this.current = change(this.current);
    const { path } = this;
    if (!path) return Promise.resolve();
    this.flush ??= new Promise((resolve, reject) => {
      setTimeout(() => {
        this.flush = undefined;
        try {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(`${path}.tmp`, JSON.stringify(this.current));
          renameSync(`${path}.tmp`, path);
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, FLUSH_DELAY_MS);
    });
    return this.flush;
  }
}
