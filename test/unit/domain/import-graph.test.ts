import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const DOMAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../functions/domain');

/**
 * The relative imports of each module of functions/domain/, type-only ones included (a type cycle
 * is still a cycle of meaning), read with TypeScript's own pre-processor rather than a regex so that
 * multi-line and `export … from` forms count too. A small walk instead of `madge`: one graph, no
 * new dependency.
 */
const importGraph = (directory: string): Map<string, string[]> => {
  const files = readdirSync(directory).filter((name) => name.endsWith('.ts'));
  return new Map(
    files.map((name) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(join(directory, name), 'utf8'), true, false);
      const targets = importedFiles
        .map((file) => file.fileName)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => relative(directory, resolve(directory, specifier)));
      return [name, targets];
    }),
  );
};

/** Every cycle found by a depth-first walk, each as the path that closes it (a → b → a). */
const cyclesOf = (graph: ReadonlyMap<string, readonly string[]>): string[][] => {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string) => {
    const onPath = path.indexOf(node);
    if (onPath >= 0) {
      cycles.push([...path.slice(onPath), node]);
      return;
    }
    if (done.has(node)) return;
    path.push(node);
    for (const next of graph.get(node) ?? []) visit(next);
    path.pop();
    done.add(node);
  };
  for (const node of graph.keys()) visit(node);
  return cycles;
};

describe('functions/domain import graph', () => {
  const graph = importGraph(DOMAIN);

  it('has no import cycle', () => {
    expect(cyclesOf(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('imports nothing of ours from outside functions/domain/', () => {
    const leaving = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => target.startsWith('..')).map((target) => `${file} → ${target}`),
    );
    expect(leaving).toEqual([]);
  });

  it('resolves every relative import to a module of the directory', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => !target.startsWith('..') && !graph.has(target)).map((t) => `${file} → ${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('finds a cycle when there is one (the walk itself works)', () => {
    const cyclic = new Map([
      ['complaint.ts', ['policy.ts']],
      ['policy.ts', ['sla.ts']],
      ['sla.ts', ['complaint.ts']],
      ['vocabulary.ts', []],
    ]);
    expect(cyclesOf(cyclic)).toEqual([['complaint.ts', 'policy.ts', 'sla.ts', 'complaint.ts']]);
    expect(cyclesOf(new Map([['a.ts', ['a.ts']]]))).toEqual([['a.ts', 'a.ts']]);
  });
});
