import { cpus, loadavg, totalmem, release, platform } from 'node:os';
import { spawnSync } from 'node:child_process';

/** One measured figure with its target. */
export interface Target {
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

/** What one scenario reports: its figures, its targets and what a reader must know. */
export interface Section {
  title: string;
  lines: string[];
  targets: Target[];
  notes: string[];
}

export const section = (title: string): Section => ({ title, lines: [], targets: [], notes: [] });

export const passFail = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

/** `java -version` prints to stderr. */
const javaVersion = (): string => {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return (java.stderr || java.stdout || 'java: unknown').trim().split('\n')[0]!;
};

/** Load average over 1, 5 and 15 minutes: other work shares this machine's cores. */
export const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

export const machineFacts = (): string[] => {
  const cpuList = cpus();
  return [
    `date: ${new Date().toISOString()}`,
    `machine: ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${platform()} ${release()}`,
    `Node ${process.version}; ${javaVersion()} (DynamoDB Local)`,
  ];
};

/** The run as Markdown: machine facts, a summary of every target, then each section. */
export const renderMarkdown = (facts: string[], sections: Section[], command: string): string => {
  const all = sections.flatMap((s) => s.targets.map((t) => ({ section: s.title, ...t })));
  const out = [
    '# Benchmark results',
    '',
    `Written by \`${command}\`; every figure below was measured on the local stack (loopback only), when its section says.`,
    '',
    ...facts.map((fact) => `- ${fact}`),
    '',
    '## Targets',
    '',
    '| scenario | figure | measured | target | result |',
    '| --- | --- | --- | --- | --- |',
    ...all.map((t) => `| ${t.section} | ${t.name} | ${t.value} | ${t.target} | ${passFail(t.pass)} |`),
    '',
  ];
  for (const s of sections) {
    out.push(`## ${s.title}`, '', ...s.lines, '');
    if (s.notes.length > 0) out.push(...s.notes.map((note) => `> ${note}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
};

/** The same as plain text for the console. */
export const renderText = (section: Section): string =>
  [
    `\n## ${section.title}`,
    ...section.lines,
    ...section.targets.map((t) => `  [${passFail(t.pass)}] ${t.name}: ${t.value} (target ${t.target})`),
    ...section.notes.map((note) => `  note: ${note}`),
  ].join('\n');

/** What renderMarkdown wrote: its facts and sections, read back (the inverse, up to blank lines). */
export const parseMarkdown = (markdown: string): { facts: string[]; sections: Section[] } => {
  const [header = '', targetsChunk = '', ...chunks] = markdown.split(/^## /mu);
  if (!targetsChunk.startsWith('Targets\n')) throw new Error('not a bench/RESULTS.md: no Targets table');
  const facts = header
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
  const rows = targetsChunk
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| scenario |') && !line.startsWith('| ---'))
    .map((line) => {
      const cells = line.slice(2, -2).split(' | ');
      if (cells.length !== 5) throw new Error(`a Targets row without 5 cells: ${line}`);
      const [title, name, value, target, outcome] = cells as [string, string, string, string, string];
      return { title, target: { name, value, target, pass: outcome === 'PASS' } };
    });
  const sections = chunks.map((chunk) => {
    const [title = '', ...body] = chunk.replace(/\n+$/u, '').split('\n');
    const notes = body.filter((line) => line.startsWith('> ')).map((line) => line.slice(2));
    const lines = body.filter((line) => !line.startsWith('> '));
    while (lines[0] === '') lines.shift();
    while (lines.at(-1) === '') lines.pop();
    return {
      title,
      lines,
      targets: rows.filter((row) => row.title === title).map((row) => row.target),
      notes,
    };
  });
  return { facts, sections };
};

/**
 * The sections of a run of some scenarios (`--only`) put in place of the same sections of the
 * earlier file, the others kept as they were, each marked with the date it was measured, so a
 * partial run never loses the figures it did not measure again.
 */
export const mergeSections = (earlier: { facts: string[]; sections: Section[] }, measured: Section[]) => {
  const earlierDate = earlier.facts.find((fact) => fact.startsWith('date: '))?.slice('date: '.length);
  const byTitle = new Map(measured.map((s) => [s.title, s]));
  const kept = earlier.sections.filter((s) => !byTitle.has(s.title));
  const dated = (s: Section): Section => {
    const last = s.lines.at(-1) ?? '';
    if (!earlierDate || last.includes('measured')) return s;
    return /^\(scenario took .*\)$/u.test(last)
      ? { ...s, lines: [...s.lines.slice(0, -1), `${last.slice(0, -1)}, measured ${earlierDate})`] }
      : { ...s, lines: [...s.lines, `(measured ${earlierDate})`] };
  };
  const sections = [
    ...earlier.sections.map((s) => byTitle.get(s.title) ?? dated(s)),
    ...measured.filter((s) => !earlier.sections.some((old) => old.title === s.title)),
  ];
  return { sections, kept: kept.map((s) => s.title) };
};
