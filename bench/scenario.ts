import { writeFileSync } from 'node:fs';
import { section, type Section } from './report.ts';
import { runScenario, type Scenario, type ScenarioOptions } from './scenarios.ts';

/**
 * One scenario in a process of its own (the adapters keep one AWS client per process, pointed at
 * one stack): `tsx bench/scenario.ts <name> <quick|full> <result file> [options as JSON]`.
 */
const [name, mode, resultFile, optionsJson] = process.argv.slice(2) as [Scenario, string, string, string?];
const options = optionsJson ? (JSON.parse(optionsJson) as ScenarioOptions) : {};
const startedAt = new Date().toISOString();
const started = performance.now();
let result: Section;
try {
  result = await runScenario(name, mode === 'quick', options);
} catch (error) {
  result = section(name);
  result.targets.push({ name: 'scenario ran', value: 'crashed', target: 'completes', pass: false });
  result.notes.push(`The scenario failed: ${error instanceof Error ? error.message : String(error)}`);
}
result.lines.push(
  '',
  `(scenario took ${((performance.now() - started) / 1000).toFixed(0)} s, measured ${startedAt})`,
);
writeFileSync(resultFile, JSON.stringify(result));
process.exit(0);
