import { readFileSync } from 'node:fs';
import { businessCalendar, parsePolicy, type Policy } from '../../functions/domain/policy.ts';

/** The repository's default policy, parsed as the Lambdas parse it. */
export const defaultPolicyDocument = (): Record<string, unknown> =>
  JSON.parse(readFileSync('policy/complaint-policy.json', 'utf8')) as Record<string, unknown>;

export const defaultPolicy = (): Policy => parsePolicy(defaultPolicyDocument());

export const defaultCalendar = () => businessCalendar(defaultPolicy());
