import { structuredPatch } from 'diff';

/**
 * Old against new policy as the lines of a unified diff (jsdiff, on the documents as indented
 * JSON), each hunk headed by where it is in the document ("calendar › years › 2027") the way git
 * heads a hunk with its function: a changed date line alone does not say which year it is in.
 */
export interface PolicyDiffHunk {
  /** The keys around the hunk's first line, outermost first. */
  where: string[];
  lines: { kind: 'added' | 'removed' | 'same'; text: string }[];
}

export const policyJson = (policy: unknown): string => `${JSON.stringify(policy, null, 2)}\n`;

/** The keys enclosing line `index` of indented JSON: each less-indented `"key": {` or `[` above it. */
export const whereInJson = (lines: readonly string[], index: number): string[] => {
  const where: string[] = [];
  let indent = (/^ */u.exec(lines[index] ?? '')?.[0].length ?? 0) + 1;
  for (let at = index; at >= 0 && indent > 0; at -= 1) {
    const line = lines[at]!;
    const own = /^ */u.exec(line)![0].length;
    if (own >= indent) continue;
    const key = /^ *"((?:[^"\\]|\\.)*)": [[{]$/u.exec(line);
    if (key) where.unshift(JSON.parse(`"${key[1]!}"`) as string);
    indent = own;
  }
  return where;
};

export const policyDiff = (before: unknown, after: unknown, context = 3): PolicyDiffHunk[] => {
  const oldText = policyJson(before);
  const newText = policyJson(after);
  const newLines = newText.split('\n');
  const { hunks } = structuredPatch('active', 'draft', oldText, newText, undefined, undefined, { context });
  return hunks.map((hunk) => {
    const firstChange = hunk.lines.findIndex((line) => line[0] !== ' ');
    // The new document's line number of the first change (or the line before it, for a removal).
    const newIndex =
      hunk.newStart - 1 + hunk.lines.slice(0, firstChange).filter((line) => line[0] !== '-').length;
    return {
      where: whereInJson(newLines, Math.min(newIndex, newLines.length - 1)),
      lines: hunk.lines.map((line) => ({
        kind: line[0] === '+' ? 'added' : line[0] === '-' ? 'removed' : 'same',
        text: line.slice(1),
      })),
    };
  });
};
