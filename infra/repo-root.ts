import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root: handler entries and the ASL file are relative to it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const fromRepoRoot = (relativePath: string): string => path.join(REPO_ROOT, relativePath);
