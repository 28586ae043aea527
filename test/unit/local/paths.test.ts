import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirectory } from '../../../local/paths.ts';

describe('dataDirectory', () => {
  it('is .data/ in the repository unless DATA_DIR is set', () => {
    expect(dataDirectory(undefined, '/repo')).toBe(resolve('/repo/.data'));
    expect(dataDirectory('', '/repo')).toBe(resolve('/repo/.data'));
  });

  it('takes DATA_DIR, resolved against the working directory', () => {
    expect(dataDirectory('/tmp/bench-data', '/repo')).toBe(resolve('/tmp/bench-data'));
    expect(dataDirectory('relative/data', '/repo')).toBe(resolve(process.cwd(), 'relative/data'));
  });
});
