import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../paths.ts';
import { localFunctionArn } from '../aws-local.ts';

type StateDefinition = Record<string, unknown> & {
  Type: string;
  Resource?: string;
  Branches?: MachineDefinition[];
  Parameters?: unknown;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
  Iterator?: MachineDefinition;
  ItemProcessor?: MachineDefinition;
};
export interface MachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  [key: string]: unknown;
}

export interface LocalTaskFunction {
  name: string;
  entry: string;
}

/** Reads an ASL file and fills `${Substitutions}` the way CDK's definitionSubstitutions does. */
export const loadDefinition = (file: string, substitutions: Record<string, string>): MachineDefinition => {
  const text = readFileSync(resolve(REPO_ROOT, file), 'utf8').replace(
    /\$\{(\w+)\}/gu,
    (match, key: string) => {
      const value = substitutions[key];
      if (value === undefined) throw new Error(`${file}: no value for substitution ${match}`);
      return value;
    },
  );
  return JSON.parse(text) as MachineDefinition;
};

/** Substitutions for Lambda tasks: each becomes the ARN of a local function of that name. */
export const localFunctionSubstitutions = (
  tasks: Record<string, LocalTaskFunction>,
): Record<string, string> =>
  Object.fromEntries(Object.entries(tasks).map(([key, task]) => [key, localFunctionArn(task.name)]));

/** Every state of a definition, nested Map and Parallel states included, with its name. */
export const allStates = (definition: MachineDefinition): [string, StateDefinition][] =>
  Object.entries(definition.States).flatMap(([name, state]) => [
    [name, state] as [string, StateDefinition],
    ...(state.Branches ?? []).flatMap(allStates),
    ...[state.Iterator, state.ItemProcessor].filter((child) => child !== undefined).flatMap(allStates),
  ]);
