import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A small JSON document kept on disk (or only in memory when no path is given), written atomically
 * and serially so concurrent updates never interleave.
 */
export class JsonFile<T> {
  private current: T;
  private queue: Promise<void> = Promise.resolve();

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
    const snapshot = JSON.stringify(this.current);
    const { path } = this;
    if (!path) return Promise.resolve();
    this.queue = this.queue.then(() => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, snapshot);
      renameSync(`${path}.tmp`, path);
    });
    return this.queue;
  }
}
