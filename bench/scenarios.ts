import { benchCapacity } from './capacity.ts';
import { benchColdStart } from './cold-start.ts';
import { benchCost } from './cost.ts';
import { benchFaults } from './faults.ts';
import { benchFuzz } from './fuzz.ts';
import { benchIntake } from './intake.ts';
import { benchIntakeVsRaw } from './intake-vs-raw.ts';
import type { Section } from './report.ts';
import { benchScale } from './scale.ts';
import { benchSecurity } from './security.ts';

export const SCENARIOS = [
  'intake',
  'latency',
  'coldstart',
  'fuzz',
  'cost',
  'capacity',
  'scale',
  'faults',
  'security',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  /** coldstart: write its figures as the baseline to this file (relative to the repository). */
  writeBaseline?: string;
}

export const runScenario = (
  name: Scenario,
  quick: boolean,
  options: ScenarioOptions = {},
): Promise<Section> => {
  switch (name) {
    case 'intake':
      return benchIntakeVsRaw({ seconds: quick ? 3 : 10, rounds: 2 });
    case 'latency':
      return benchIntake();
    case 'coldstart':
      return benchColdStart({ runs: quick ? 5 : 11, writeBaseline: options.writeBaseline });
    case 'fuzz':
      return benchFuzz({ requests: quick ? 1000 : 5000, seed: 20261123 });
    case 'cost':
      return benchCost();
    case 'capacity':
      return benchCapacity();
    case 'scale':
      return benchScale({ target: quick ? 5000 : 100_000, budgetMs: quick ? 30_000 : 300_000 });
    case 'faults':
      return benchFaults({
        complaints: quick ? 20 : 100,
        outageSeconds: quick ? 10 : 30,
        dynamoDbRestart: quick
          ? { secondsBefore: 4, secondsAfter: 5 }
          : { secondsBefore: 10, secondsAfter: 15 },
        dynamoDbFreeze: quick
          ? { secondsBefore: 4, freezeSeconds: 75, stopped: 5 }
          : { secondsBefore: 8, freezeSeconds: 90, stopped: 20 },
      });
    case 'security':
      return benchSecurity({ synth: !quick });
  }
};
