import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

export const WEB_ROOT = join(REPO_ROOT, 'web');
export const WEB_DIST = join(WEB_ROOT, 'dist');
/** What the web build reads: its own sources and the domain schemas it shares with the API. */
const WEB_INPUTS = [WEB_ROOT, join(REPO_ROOT, 'functions', 'domain'), join(REPO_ROOT, 'package-lock.json')];
const SKIPPED = new Set(['dist', 'node_modules']);

const newestChange = (path: string): number => {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path)
    .filter((name) => !SKIPPED.has(name))
    .reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), stats.mtimeMs);
};

/** Whether web/dist is missing or older than any of its inputs. */
export const webBuildIsStale = (): boolean => {
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return WEB_INPUTS.some((input) => newestChange(input) > builtAt);
};

/** Builds the web app with Vite when it is stale, so `npm start` always serves current pages. */
export const ensureWebBuilt = async (log: (line: string) => void): Promise<void> => {
  if (!webBuildIsStale()) return;
  log('Building the web app (web/ → web/dist/)…');
  const { build } = await import('vite');
  await build({ configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
};
