import { describe, expect, it } from 'vitest';
import { mergeSections, parseMarkdown, renderMarkdown, type Section } from '../../../bench/report.ts';

const faults: Section = {
  title: 'Faults',
  lines: ['Baseline: 0 lost.', '', 'SES down: 0 twice.', '', '(scenario took 209 s)'],
  targets: [
    { name: 'lost', value: '0 of 10', target: '0', pass: true },
    { name: 'twice', value: '2', target: '0', pass: false },
  ],
  notes: ['A note.'],
};
const security: Section = {
  title: 'Security',
  lines: ['Auth matrix: 0 of 60.', '', '(scenario took 40 s, measured 2026-11-27T10:00:00.000Z)'],
  targets: [{ name: 'mismatches', value: '0', target: '0', pass: true }],
  notes: [],
};
const earlierFile = renderMarkdown(
  ['date: 2026-11-26T13:10:30.587Z', 'machine: 2 cores'],
  [faults, security],
  'npm run bench',
);

describe('bench results file', () => {
  it('reads back the facts and sections renderMarkdown wrote', () => {
    expect(parseMarkdown(earlierFile)).toEqual({
      facts: ['date: 2026-11-26T13:10:30.587Z', 'machine: 2 cores'],
      sections: [faults, security],
    });
  });

  it('puts the sections of a partial run in place of theirs and keeps the others, dated', () => {
    const newFaults: Section = { ...faults, lines: ['Frozen: 0 lost.'], targets: [] };
    const merged = mergeSections(parseMarkdown(earlierFile), [newFaults]);
    expect(merged.kept).toEqual(['Security']);
    expect(merged.sections).toEqual([newFaults, security]);
  });

  it('dates a kept section that does not say when it was measured', () => {
    const merged = mergeSections(parseMarkdown(earlierFile), [security]);
    expect(merged.sections[0]!.lines.at(-1)).toBe('(scenario took 209 s, measured 2026-11-26T13:10:30.587Z)');
  });

  it('refuses a file without a Targets table', () => {
    expect(() => parseMarkdown('# Something else\n')).toThrow(/Targets/u);
  });
});
