import { customerKeyFor } from '../domain/contact-keys.ts';
import { type Allowance, hourWindow, intakeAllowance } from '../domain/limits.ts';
import type { Clock, IntakeCounters, PolicySource } from './ports.ts';

/**
 * Whether a new complaint from `sourceIp` for `email` is within the policy's hourly limits. Counted
 * in DynamoDB (one atomic counter per party and hour, expiring after it), so the limits hold across
 * every instance of the function; a refused request is counted too, so a flood stays refused.
 */
export const checkIntakeLimits = async (
  deps: { counters: IntakeCounters; policy: PolicySource; wallClock: Clock },
  parties: { email: string; sourceIp: string },
): Promise<Allowance> => {
  const now = deps.wallClock.now();
  const window = hourWindow(now);
  const counts = await deps.counters.add(
    { customerKey: customerKeyFor(parties.email), sourceIp: parties.sourceIp },
    window.start,
    window.endsAt,
  );
  return intakeAllowance(deps.policy.current().policy.limits, counts, now);
};
