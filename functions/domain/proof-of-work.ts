import type { Policy } from './policy.ts';
import * as z from './zod.ts';

/**
 * Proof of work on the public complaint form (ALTCHA): before a complaint is filed (and its address
 * mailed), the browser asks for a signed challenge, finds the counter it hides (SHA-256 tries, half
 * the policy's maximum on average) and sends the solution with the form. A human waits a fraction of a second once; a bot pays the same
 * for every message it makes us send. Each solution is accepted once and only until it expires.
 */

/** How long a challenge may be solved and used: time to fill in the form after the page asked. */
export const CHALLENGE_LIFETIME_MS = 10 * 60 * 1000;

/** The request header that carries the solution: base64 of the JSON the ALTCHA widget sends. */
export const PROOF_OF_WORK_HEADER = 'Proof-Of-Work';

/** A solution travels as base64 of a small JSON object; anything longer is not one. */
const MAX_HEADER_LENGTH = 4096;

const hex = (max: number) => z.string().check(z.regex(/^[0-9a-f]+$/u), z.maxLength(max));

/** A challenge as issued (ALTCHA v2, SHA-256, deterministic counter): signed, so every field must come back as it went out. */
export const challengeSchema = z.strictObject({
  parameters: z.strictObject({
    algorithm: z.literal('SHA-256'),
    nonce: hex(64),
    salt: hex(64),
    cost: z.int().check(z.gte(1), z.lte(100)),
    keyLength: z.int().check(z.gte(1), z.lte(64)),
    keyPrefix: hex(128),
    expiresAt: z.int().check(z.gte(0)),
  }),
  signature: hex(128),
});

export type ProofOfWorkChallenge = z.infer<typeof challengeSchema>;

/** What `POST /v1/complaints` takes in the Proof-Of-Work header, decoded. */
export const proofOfWorkSchema = z.strictObject({
  challenge: challengeSchema,
  solution: z.strictObject({
    counter: z.int().check(z.gte(0), z.lte(0xffffffff)),
    derivedKey: hex(128),
    /** The solver's own measurement, in milliseconds; not trusted for anything. */
    time: z.optional(z.number()),
  }),
});

export type ProofOfWork = z.infer<typeof proofOfWorkSchema>;

/** The header's value in the OpenAPI document. */
export const proofOfWorkHeaderSchema = z
  .string()
  .check(
    z.maxLength(MAX_HEADER_LENGTH),
    z.describe(
      'Base64 of the JSON `{challenge, solution}` for a challenge from GET /v1/challenge (the ALTCHA v2 payload); each is accepted once, within 10 minutes of being issued',
    ),
  );

export type DecodedProofOfWork =
  { kind: 'missing' } | { kind: 'malformed' } | { kind: 'present'; proof: ProofOfWork };

/** Reads the header; its shape only, whether it solves its challenge is for the verifier. */
export const decodeProofOfWork = (header: string | undefined): DecodedProofOfWork => {
  if (header === undefined || header.trim() === '') return { kind: 'missing' };
  if (header.length > MAX_HEADER_LENGTH) return { kind: 'malformed' };
  let json: unknown;
  try {
    json = JSON.parse(atob(header.trim()));
  } catch {
    return { kind: 'malformed' };
  }
  const parsed = proofOfWorkSchema.safeParse(json);
  return parsed.success ? { kind: 'present', proof: parsed.data } : { kind: 'malformed' };
};

/** What a request's proof of work amounts to. */
export type ProofOfWorkVerdict = 'accepted' | 'missing' | 'invalid' | 'expired' | 'already-used';

/** The parameters of a new challenge: how much work it hides and until when it may be used. */
export const challengeTerms = (
  limits: Policy['limits'],
  now: Date,
  maxCounterOverride?: number,
): { maxCounter: number; expiresAt: Date } => ({
  maxCounter: maxCounterOverride ?? limits.proofOfWorkMaxCounter,
  expiresAt: new Date(now.getTime() + CHALLENGE_LIFETIME_MS),
});

/**
 * How long a used solution must be remembered to refuse it again: until its challenge expires (after
 * that the signature check refuses it anyway), never less than a minute for clocks a little apart.
 */
export const spentChallengeExpiry = (proof: ProofOfWork, now: Date): Date =>
  new Date(Math.max(proof.challenge.parameters.expiresAt * 1000, now.getTime()) + 60_000);
