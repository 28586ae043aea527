import { describe, expect, it } from 'vitest';
import {
  challengeTerms,
  decodeProofOfWork,
  spentChallengeExpiry,
  type ProofOfWork,
} from '../../../functions/domain/proof-of-work.ts';
import { defaultPolicy } from '../../support/policy.ts';

const NOW = new Date('2026-03-02T10:45:00.000Z');

const proof: ProofOfWork = {
  challenge: {
    parameters: {
      algorithm: 'SHA-256',
      nonce: '89130e7bcc4cbd30fe0de1c3d11bab47',
      salt: '66031f7793401497a15dd1226b3cd499',
      cost: 1,
      keyLength: 32,
      keyPrefix: '0131610a5fbc8bf1a6603540a57faa0f',
      expiresAt: NOW.getTime() / 1000 + 600,
    },
    signature: '0ae76d8ee4097472d78ee87223639cd827dbe0f501cc88417b7d891ed7458da6',
  },
  solution: { counter: 4711, derivedKey: '0131610a5fbc8bf1a6603540a57faa0f'.repeat(2), time: 12.5 },
};
const encoded = (value: unknown) => btoa(JSON.stringify(value));
/** A proof as any client might send it: every field changeable. */
type Loose = {
  challenge: { parameters: Record<string, unknown>; signature?: string };
  solution: Record<string, unknown>;
};

describe('proof of work on the public forms', () => {
  it('reads the header as base64 of {challenge, solution}', () => {
    expect(decodeProofOfWork(encoded(proof))).toEqual({ kind: 'present', proof });
    expect(decodeProofOfWork(` ${encoded(proof)} `)).toEqual({ kind: 'present', proof });
  });

  it('tells a missing header from one that is not a solution', () => {
    expect(decodeProofOfWork(undefined)).toEqual({ kind: 'missing' });
    expect(decodeProofOfWork('  ')).toEqual({ kind: 'missing' });
    expect(decodeProofOfWork('%%%')).toEqual({ kind: 'malformed' });
    expect(decodeProofOfWork(btoa('not json'))).toEqual({ kind: 'malformed' });
    expect(decodeProofOfWork('A'.repeat(4097))).toEqual({ kind: 'malformed' });
  });

  it('accepts only the shape we issue: SHA-256, lower-case hex, bounded cost, no extra fields', () => {
    const variants: ((p: Loose) => void)[] = [
      (p) => (p.challenge.parameters.algorithm = 'ARGON2ID'),
      (p) => (p.challenge.parameters.cost = 1000),
      (p) => (p.challenge.parameters.salt = 'XYZ'),
      (p) => (p.challenge.parameters.extra = 1),
      (p) => (p.solution.derivedKey = String(p.solution.derivedKey).toUpperCase()),
      (p) => (p.solution.counter = -1),
      (p) => delete p.challenge.signature,
    ];
    for (const change of variants) {
      const copy = structuredClone(proof) as unknown as Loose;
      change(copy);
      expect(decodeProofOfWork(encoded(copy))).toEqual({ kind: 'malformed' });
    }
  });

  it("issues challenges at the policy's difficulty, or a lower one given, valid for 10 minutes", () => {
    const limits = defaultPolicy().limits;
    expect(challengeTerms(limits, NOW)).toEqual({
      maxCounter: 100_000,
      expiresAt: new Date('2026-03-02T10:55:00.000Z'),
    });
    expect(challengeTerms(limits, NOW, 500).maxCounter).toBe(500);
  });

  it('remembers a spent challenge until a minute after it expires', () => {
    expect(spentChallengeExpiry(proof, NOW)).toEqual(new Date('2026-03-02T10:56:00.000Z'));
    // Already expired by our clock (clocks a little apart): still a minute from now.
    expect(spentChallengeExpiry(proof, new Date('2026-03-02T11:00:00.000Z'))).toEqual(
      new Date('2026-03-02T11:01:00.000Z'),
    );
  });
});
