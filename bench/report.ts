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
    `Written by \`${command}\`; every figure below was measured in that run on the local stack (loopback only).`,
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
