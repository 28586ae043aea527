import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../local/paths.ts';
import {
  loadAverage,
  machineFacts,
  mergeSections,
  parseMarkdown,
  renderMarkdown,
  renderText,
  section,
  type Section,
} from './report.ts';
import { SCENARIOS, type Scenario } from './scenarios.ts';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    // coldstart: write its figures to this file as the baseline later runs are compared with.
    'write-baseline': { type: 'string' },
  },
});
if (flags['write-baseline'] && flags.quick)
  throw new Error('--write-baseline needs the full run (11 processes per function), not --quick');
const selected: Scenario[] = flags.only
  ? flags.only.split(',').map((name) => {
      if (!(SCENARIOS as readonly string[]).includes(name))
        throw new Error(`unknown scenario "${name}"; choose from ${SCENARIOS.join(', ')}`);
      return name as Scenario;
    })
  : [...SCENARIOS];

/** Runs the selected benchmarks one process each, prints their figures and writes bench/RESULTS.md. */
const dir = mkdtempSync(join(tmpdir(), 'complaints-bench-results-'));
const sections: Section[] = [];
const started = performance.now();
const loadAtStart = loadAverage();
for (const name of selected) {
  console.log(`\n… ${name}`);
  const file = join(dir, `${name}.json`);
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/scenario.ts',
      name,
      flags.quick ? 'quick' : 'full',
      file,
      JSON.stringify({ writeBaseline: flags['write-baseline'] }),
    ],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  let result: Section;
  try {
    result = JSON.parse(readFileSync(file, 'utf8')) as Section;
  } catch {
    result = section(name);
    result.targets.push({
      name: 'scenario ran',
      value: `exit ${child.status}`,
      target: 'completes',
      pass: false,
    });
  }
  console.log(renderText(result));
  sections.push(result);
}
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const facts = [
  ...machineFacts(),
  `load average (1 / 5 / 15 min): ${loadAtStart} at the start, ${loadAverage()} at the end (${cpus().length} cores, shared with other work)`,
  `total bench time: ${((performance.now() - started) / 1000).toFixed(0)} s`,
];
const resultsFile = join(REPO_ROOT, 'bench', 'RESULTS.md');
// A run of some scenarios replaces their sections only: the others' figures stay, dated.
let written = sections;
if (flags.only && existsSync(resultsFile)) {
  const merged = mergeSections(parseMarkdown(readFileSync(resultsFile, 'utf8')), sections);
  written = merged.sections;
  if (merged.kept.length > 0)
    facts.push(
      `not measured in this run, kept from the earlier file (each section says when it was measured): ${merged.kept.join('; ')}`,
    );
}
writeFileSync(resultsFile, renderMarkdown(facts, written, command));
console.log('\nWrote bench/RESULTS.md');
const failed = sections.flatMap((s) => s.targets).filter((t) => !t.pass).length;
console.log(failed === 0 ? 'Every target met.' : `${failed} target(s) missed.`);
