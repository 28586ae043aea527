import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `.data/` in the repository unless `override` (the DATA_DIR variable) names another directory. */
export const dataDirectory = (override: string | undefined, repoRoot: string): string =>
  override ? resolve(override) : resolve(repoRoot, '.data');

// DATA_DIR: a benchmark keeps its stack on disk without touching the developer's .data/.
export const DATA_DIR = dataDirectory(process.env.DATA_DIR, REPO_ROOT);
