import { decodeProofOfWork, spentChallengeExpiry, type ProofOfWorkVerdict } from '../domain/proof-of-work.ts';
import type { Clock, ProofOfWorkSigner, SpentChallenges } from './ports.ts';

/**
 * Whether a public request carries a fresh solution of one of our challenges, spending it if so: the
 * signature and expiry are checked first (no write for a forged or stale one), then the challenge is
 * recorded as used with a conditional write, so a replay is refused across every instance.
 */
export const checkProofOfWork = async (
  deps: { signer: ProofOfWorkSigner; spent: SpentChallenges; wallClock: Clock },
  header: string | undefined,
): Promise<ProofOfWorkVerdict> => {
  const decoded = decodeProofOfWork(header);
  if (decoded.kind === 'missing') return 'missing';
  if (decoded.kind === 'malformed') return 'invalid';
  const verified = await deps.signer.verify(decoded.proof);
  if (verified !== 'solved') return verified;
  const fresh = await deps.spent.spend(
    decoded.proof.challenge.signature,
    spentChallengeExpiry(decoded.proof, deps.wallClock.now()),
  );
  return fresh ? 'accepted' : 'already-used';
};
