import { challengeTerms, type ProofOfWorkChallenge } from '../domain/proof-of-work.ts';
import type { Clock, PolicySource, ProofOfWorkSigner } from './ports.ts';

/** A new proof-of-work challenge at the policy's difficulty (or the local runtime's lower one). */
export const issueChallenge = async (
  deps: { signer: ProofOfWorkSigner; policy: PolicySource; wallClock: Clock },
  maxCounterOverride?: number,
): Promise<ProofOfWorkChallenge> =>
  deps.signer.issue(
    challengeTerms(deps.policy.current().policy.limits, deps.wallClock.now(), maxCounterOverride),
  );
