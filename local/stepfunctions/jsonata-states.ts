import type { MachineDefinition } from './definition.ts';

/**
 * aws-local-stepfunctions (3.0.0, the newest on npm) knows JSONPath only: no `QueryLanguage:
 * JSONata`, no `Arguments`, `Condition`, `Assign` or variables. The lifecycle is written in JSONata
 * with variables (they cost no state transition, where JSONPath needed Pass and Choice states), so
 * this translates it, in memory, into a JSONPath machine that takes the same path:
 *
 * - every variable lives at the top of the JSONPath state data (`$plan` → `$.plan`), so state data
 *   only ever grows; `$states.context.X` → `$$.X`; `$states.input.X` (first state only) → `$.X`;
 * - an `Assign` becomes helper Pass states after its state (a task's result waits in `$.__result`,
 *   a catcher's error output in `$.__error`), one per variable, named with HELPER_STATE_PREFIX so the
 *   runtime leaves them out of the execution history and the transition counts match AWS;
 * - `Arguments` → `Parameters`, a `{% %}` timeout → `TimeoutSecondsPath`, `Error`/`Cause` → paths;
 * - a Choice `Condition` → JSONPath choice rules (comparisons of a variable path with a literal,
 *   `in [...]`, `and`, `or`).
 *
 * Only these forms are understood; anything else throws when the machine is registered, so a new
 * expression fails every local test at once instead of taking another path than AWS would.
 */
export const HELPER_STATE_PREFIX = '~assign ';

const RESULT_PATH = '$.__result';
const ERROR_PATH = '$.__error';

type Json = unknown;
type State = Record<string, Json> & { Type: string };

const EXPRESSION = /^\{%\s*(.*?)\s*%\}$/su;
const expressionOf = (value: Json): string | undefined =>
  typeof value === 'string' ? EXPRESSION.exec(value)?.[1] : undefined;

const unsupported = (where: string, what: string): never => {
  throw new Error(`JSONata → JSONPath (local runtime): unsupported ${what} in ${where}`);
};

/** A JSONata reference (`$plan.stage`, `$states.result`, …) as a JSONPath path. */
const pathOf = (reference: string, where: string): string => {
  const match = /^\$([A-Za-z_][\w]*)((?:\.[A-Za-z_][\w]*)*)$/u.exec(reference);
  if (!match) return unsupported(where, `expression "${reference}"`);
  const [, root, rest = ''] = match;
  if (root !== 'states') return `$.${root}${rest}`;
  const [, scope, ...tail] = rest.split('.');
  const suffix = tail.map((part) => `.${part}`).join('');
  if (scope === 'result') return `${RESULT_PATH}${suffix}`;
  if (scope === 'errorOutput') return `${ERROR_PATH}${suffix}`;
  if (scope === 'context') return `$$${suffix}`;
  if (scope === 'input') return `$${suffix}`;
  return unsupported(where, `$states.${scope}`);
};

/** A value expression as a JSONPath path or intrinsic function. */
const valueOf = (expression: string, where: string): string => {
  const sum = /^(\$[\w.]+)\s*\+\s*(-?\d+)$/u.exec(expression);
  if (sum) return `States.MathAdd(${pathOf(sum[1]!, where)}, ${sum[2]})`;
  return pathOf(expression, where);
};

/** A JSONata literal (string in single or double quotes, number, boolean). */
const literalOf = (text: string, where: string): string | number | boolean => {
  const trimmed = text.trim();
  if (/^'[^']*'$|^"[^"]*"$/u.test(trimmed)) return trimmed.slice(1, -1);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (/^-?\d+(\.\d+)?$/u.test(trimmed)) return Number(trimmed);
  return unsupported(where, `literal ${trimmed}`);
};

const COMPARISONS: Record<string, { String: string; Numeric: string }> = {
  '=': { String: 'StringEquals', Numeric: 'NumericEquals' },
  '<': { String: 'StringLessThan', Numeric: 'NumericLessThan' },
  '<=': { String: 'StringLessThanEquals', Numeric: 'NumericLessThanEquals' },
  '>': { String: 'StringGreaterThan', Numeric: 'NumericGreaterThan' },
  '>=': { String: 'StringGreaterThanEquals', Numeric: 'NumericGreaterThanEquals' },
};

/** One comparison; a missing variable compares false, as JSONata's undefined does. */
const comparisonRule = (text: string, where: string): Record<string, Json> => {
  const inList = /^(\$[\w.]+)\s+in\s+\[(.*)\]$/u.exec(text);
  if (inList) {
    const items = inList[2]!.split(',').map((item) => literalOf(item, where));
    return { Or: items.map((item) => comparisonRule(`${inList[1]} = ${JSON.stringify(item)}`, where)) };
  }
  const match = /^(\$[\w.]+)\s*(<=|>=|!=|=|<|>)\s*(.+)$/u.exec(text);
  if (!match) return unsupported(where, `condition "${text}"`);
  const [, reference, operator, right] = match;
  const variable = pathOf(reference!, where);
  const literal = literalOf(right!, where);
  const present = { Variable: variable, IsPresent: true };
  if (operator === '!=') return { Not: comparisonRule(`${reference} = ${JSON.stringify(literal)}`, where) };
  const rule =
    typeof literal === 'boolean'
      ? operator === '='
        ? { Variable: variable, BooleanEquals: literal }
        : unsupported(where, `boolean comparison ${operator}`)
      : {
          Variable: variable,
          [COMPARISONS[operator!]![typeof literal === 'number' ? 'Numeric' : 'String']]: literal,
        };
  return { And: [present, rule] };
};

/** `a or b`, `a and b` (no parentheses; `and` binds tighter, as in JSONata). */
const conditionRule = (expression: string, where: string): Record<string, Json> => {
  const alternatives = expression.split(/\s+or\s+/u);
  if (alternatives.length > 1) return { Or: alternatives.map((part) => conditionRule(part, where)) };
  const conjuncts = expression.split(/\s+and\s+/u);
  if (conjuncts.length > 1) return { And: conjuncts.map((part) => comparisonRule(part, where)) };
  return comparisonRule(expression, where);
};

/** `Arguments` → `Parameters`: `{% %}` strings become `key.$` paths, the rest stays literal. */
const parametersOf = (value: Json, where: string): Json => {
  if (Array.isArray(value)) return value.map((item) => parametersOf(item, where));
  if (value === null || typeof value !== 'object') {
    if (expressionOf(value) !== undefined) unsupported(where, 'Arguments that are a whole expression');
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const expression = expressionOf(inner);
      return expression === undefined
        ? [key, parametersOf(inner, where)]
        : [`${key}.$`, valueOf(expression, where)];
    }),
  );
};

/** The Pass states that set each variable of an `Assign`, chained before `next`. */
const assignmentStates = (
  owner: string,
  assign: Record<string, Json>,
  next: string | undefined,
  where: string,
): { first: string; states: Record<string, State> } | undefined => {
  const entries = Object.entries(assign);
  if (entries.length === 0) return undefined;
  const names = entries.map(([variable]) => `${HELPER_STATE_PREFIX}${owner} ${variable}`);
  const states: Record<string, State> = {};
  entries.forEach(([variable, value], index) => {
    // AWS evaluates every entry against the values from before the state; one after another here,
    // so no entry may read a variable an earlier entry of the same Assign has just set.
    const expression = expressionOf(value);
    for (const [earlier] of entries.slice(0, index)) {
      if (expression !== undefined && new RegExp(`\\$${earlier}\\b`, 'u').test(expression))
        unsupported(where, `Assign reading ${earlier} that it also sets`);
    }
    const following = names[index + 1] ?? next;
    const transition = following === undefined ? { End: true } : { Next: following };
    const name = names[index]!;
    if (expression === undefined && value !== null && typeof value === 'object') {
      states[name] = { Type: 'Pass', Result: value, ResultPath: `$.${variable}`, ...transition };
      return;
    }
    const source = expression === undefined ? undefined : valueOf(expression, where);
    if (source !== undefined && !source.startsWith('States.')) {
      states[name] = { Type: 'Pass', InputPath: source, ResultPath: `$.${variable}`, ...transition };
      return;
    }
    // An intrinsic's value, or a scalar literal (the library ignores a falsy Result such as 0), is
    // computed into a scratch field first, then copied into the variable.
    states[name] = {
      Type: 'Pass',
      Parameters: source === undefined ? { value } : { 'value.$': source },
      ResultPath: '$.__computed',
      Next: `${name} value`,
    };
    states[`${name} value`] = {
      Type: 'Pass',
      InputPath: '$.__computed.value',
      ResultPath: `$.${variable}`,
      ...transition,
    };
  });
  return { first: names[0]!, states };
};

const translateState = (
  name: string,
  source: State,
  isStart: boolean,
): { state: State; helpers: Record<string, State> } => {
  const where = `state ${name}`;
  const { QueryLanguage: _language, Assign: assign, Arguments: args, Output: output, ...rest } = source;
  if (output !== undefined) unsupported(where, 'Output');
  const state: State = { ...rest };
  let helpers: Record<string, State> = {};
  const check = (field: string, value: Json) => {
    const expression = expressionOf(value);
    if (expression === undefined) return;
    if (/\$states\.input/u.test(expression) && !isStart)
      unsupported(where, '$states.input after the first state');
    delete state[field];
    state[`${field}Path`] = pathOf(expression, where);
  };

  if (args !== undefined) {
    if (JSON.stringify(args).includes('$states.input') && !isStart)
      unsupported(where, '$states.input after the first state');
    state.Parameters = parametersOf(args, where);
  }
  for (const field of ['TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'Timestamp', 'Error', 'Cause'])
    check(field, source[field]);

  if (state.Type === 'Choice') {
    state.Choices = (source.Choices as { Condition: string; Next: string; Assign?: unknown }[]).map(
      (choice) => {
        if (choice.Assign !== undefined) unsupported(where, 'Assign in a choice rule');
        const expression = expressionOf(choice.Condition);
        if (expression === undefined) return unsupported(where, `Condition ${choice.Condition}`);
        return { ...conditionRule(expression, where), Next: choice.Next };
      },
    );
    if (assign !== undefined) unsupported(where, 'Assign on a Choice state');
  }

  if (Array.isArray(source.Catch)) {
    state.Catch = (
      source.Catch as { ErrorEquals: string[]; Next: string; Assign?: Record<string, Json> }[]
    ).map((catcher, index) => {
      const {
        Assign: catchAssign,
        Output: catchOutput,
        ...plain
      } = catcher as typeof catcher & {
        Output?: unknown;
      };
      if (catchOutput !== undefined) unsupported(where, 'Output in a catcher');
      const chain =
        catchAssign && assignmentStates(`${name} catch ${index}`, catchAssign, catcher.Next, where);
      if (!chain) return { ...plain, ResultPath: null };
      helpers = { ...helpers, ...chain.states };
      return { ...plain, ResultPath: ERROR_PATH, Next: chain.first };
    });
  }

  if (assign !== undefined) {
    const chain = assignmentStates(
      name,
      assign as Record<string, Json>,
      source.Next as string | undefined,
      where,
    );
    if (chain) {
      helpers = { ...helpers, ...chain.states };
      delete state.End;
      state.Next = chain.first;
    }
  }
  // The state's own output is its input: what AWS passes on is never read (only variables are).
  if (state.Type === 'Task' || state.Type === 'Pass') state.ResultPath = RESULT_PATH;
  return { state, helpers };
};

/** Every variable the definition assigns (state, choice-rule and catcher `Assign`), in first-seen order. */
export const assignedVariables = (definition: MachineDefinition): string[] => {
  const names = new Set<string>();
  const collect = (assign: unknown) => {
    if (assign && typeof assign === 'object') for (const name of Object.keys(assign)) names.add(name);
  };
  for (const state of Object.values(definition.States)) {
    collect(state.Assign);
    for (const rule of (state.Choices as { Assign?: unknown }[] | undefined) ?? []) collect(rule.Assign);
    for (const catcher of (state.Catch as { Assign?: unknown }[] | undefined) ?? []) collect(catcher.Assign);
  }
  return [...names];
};

/** Whether a definition is written in JSONata (the machine's default, or any state's). */
export const usesJsonata = (definition: MachineDefinition): boolean =>
  definition.QueryLanguage === 'JSONata' ||
  Object.values(definition.States).some((state) => state.QueryLanguage === 'JSONata');

/** The JSONPath machine that takes the same path as a JSONata one (see the module comment). */
export const translateJsonata = (definition: MachineDefinition): MachineDefinition => {
  if (!usesJsonata(definition)) return definition;
  const { QueryLanguage: _language, ...machine } = structuredClone(definition);
  const states: Record<string, State> = {};
  for (const [name, source] of Object.entries(definition.States)) {
    if (source.Branches || source.Iterator || source.ItemProcessor)
      unsupported(`state ${name}`, 'nested machines');
    if (source.QueryLanguage === 'JSONPath') unsupported(`state ${name}`, 'mixed query languages');
    const { state, helpers } = translateState(name, structuredClone(source), name === definition.StartAt);
    states[name] = state;
    Object.assign(states, helpers);
  }
  return { ...machine, States: states };
};
