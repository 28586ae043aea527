import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_TASKS } from '../../functions/workflow/tasks.ts';

type Validator = (definition: unknown) => { isValid: boolean; errorsText: (separator?: string) => string };
const validate = createRequire(import.meta.url)('asl-validator') as Validator;

const files = readdirSync('statemachines').filter((file) => file.endsWith('.asl.json'));
const dummyArn = (key: string) => `arn:aws:lambda:us-east-1:123456789012:function:${key}`;

describe.each(files)('%s', (file) => {
  const raw = readFileSync(`statemachines/${file}`, 'utf8');

  it('names only substitutions that CDK and the local runtime provide', () => {
    const used = [...raw.matchAll(/\$\{(\w+)\}/gu)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const key of used) expect(Object.keys(WORKFLOW_TASKS)).toContain(key);
  });

  it('is valid Amazon States Language', () => {
    const definition: unknown = JSON.parse(raw.replace(/\$\{(\w+)\}/gu, (_m, key: string) => dummyArn(key)));
    const result = validate(definition);
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });
});
