import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../local/paths.ts';
import { benchColdStart } from './cold-start.ts';
import { benchCost } from './cost.ts';
import { benchFaults } from './faults.ts';
import { benchFuzz } from './fuzz.ts';
import { benchIntakeVsRaw } from './intake-vs-raw.ts';
import { benchScale } from './scale.ts';
import { benchSecurity } from './security.ts';
import { machineFacts, renderMarkdown, renderText, section, type Section } from './report.ts';

const SCENARIOS = ['intake', 'coldstart', 'fuzz', 'cost', 'scale', 'faults', 'security'] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const selected: Scenario[] = flags.only
  ? flags.only.split(',').map((name) => {
      if (!(SCENARIOS as readonly string[]).includes(name))
        throw new Error(`unknown scenario "${name}"; choose from ${SCENARIOS.join(', ')}`);
      return name as Scenario;
    })
  : [...SCENARIOS];
const quick = flags.quick;

const runners: Record<Scenario, () => Promise<Section>> = {
  intake: () => benchIntakeVsRaw({ seconds: quick ? 3 : 10, rounds: 2 }),
  coldstart: () => benchColdStart({ runs: quick ? 3 : 7 }),
  fuzz: () => benchFuzz({ requests: quick ? 1000 : 5000, seed: 20261123 }),
  cost: () => benchCost(),
  scale: () => benchScale({ target: quick ? 5000 : 100_000, budgetMs: quick ? 30_000 : 180_000 }),
  faults: () => benchFaults({ complaints: quick ? 20 : 100 }),
  security: () => benchSecurity({ synth: !quick }),
};

/** Runs the selected benchmarks, prints their figures and writes bench/RESULTS.md. */
const sections: Section[] = [];
const started = performance.now();
for (const name of selected) {
  const t0 = performance.now();
  console.log(`\n… ${name}`);
  let result: Section;
  try {
    result = await runners[name]();
  } catch (error) {
    result = section(name);
    result.targets.push({ name: 'scenario ran', value: 'crashed', target: 'completes', pass: false });
    result.notes.push(`The scenario failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  result.lines.push('', `(scenario took ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(renderText(result));
  sections.push(result);
}
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
const facts = [...machineFacts(), `total bench time: ${((performance.now() - started) / 1000).toFixed(0)} s`];
writeFileSync(join(REPO_ROOT, 'bench', 'RESULTS.md'), renderMarkdown(facts, sections, command));
console.log('\nWrote bench/RESULTS.md');
const failed = sections.flatMap((s) => s.targets).filter((t) => !t.pass).length;
console.log(failed === 0 ? 'Every target met.' : `${failed} target(s) missed.`);
process.exit(0);
