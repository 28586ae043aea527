import * as z from '../domain/zod.ts';

const environmentSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  STATE_MACHINE_ARN: z.optional(z.string().check(z.minLength(1))),
  SENDER_EMAIL: z.optional(z.email()),
  /** The SES configuration set that publishes bounce, complaint and delivery events (AWS only). */
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1))),
  /** The domain SES receives customer mail for (complaints@ and the reply addresses); unset, none is received. */
  INBOUND_DOMAIN: z.optional(z.string().check(z.regex(/^[a-z0-9.-]+$/u))),
  /** The bucket SES receiving stores raw mail in, and the key prefix before each mail's SES message id. */
  INBOUND_MAIL_BUCKET: z.optional(z.string().check(z.minLength(1))),
  INBOUND_MAIL_PREFIX: z._default(z.string(), 'mail/'),
  /** The bucket of evidence files (complaints/<complaint id>/<attachment id>). */
  EVIDENCE_BUCKET: z.optional(z.string().check(z.minLength(1))),
  /** Base URL of the public web pages (tracking, survey), used in links sent to customers. */
  PUBLIC_WEB_URL: z.optional(z.url()),
  /** The staff user pool (Cognito) the staff directory is read from (AWS). */
  USER_POOL_ID: z.optional(z.string().check(z.minLength(1))),
  /** A staff directory file read instead of the user pool (the local runtime's seeded directory). */
  STAFF_DIRECTORY_FILE: z.optional(z.string().check(z.minLength(1))),
  /** Base64 signing key, given directly (local runtime) … */
  TOKEN_SIGNING_KEY: z.optional(z.string().check(z.minLength(1))),
  /** … or the Secrets Manager secret holding it (AWS). */
  TOKEN_SIGNING_SECRET_ARN: z.optional(z.string().check(z.minLength(1))),
  /**
   * A lower proof-of-work difficulty than the policy's, for a local stack under test or benchmark
   * (README); never set in AWS.
   */
  PROOF_OF_WORK_MAX_COUNTER: z.optional(z.coerce.number().check(z.int(), z.gte(1))),
  /**
   * How long a function keeps using the active policy version before it checks the table again
   * (adapters/policy-source.ts); 30 by default, lower in tests.
   */
  POLICY_REFRESH_SECONDS: z.optional(z.coerce.number().check(z.gte(0), z.lte(3600))),
  /** `true`: GuardDuty scans the evidence bucket and only files it tagged clean are handed out. */
  MALWARE_SCAN: z.optional(z.enum(['true', 'false'])),
});

export type Environment = z.infer<typeof environmentSchema>;

let cached: Environment | undefined;

/** The Lambda environment, validated once per container. */
export const environment = (): Environment => {
  cached ??= environmentSchema.parse(process.env);
  return cached;
};

export const requireSetting = <K extends keyof Environment>(name: K): NonNullable<Environment[K]> => {
  const value = environment()[name];
  if (value === undefined) throw new Error(`Missing environment variable ${name}`);
  return value;
};
