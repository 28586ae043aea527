import * as z from 'zod';

const environmentSchema = z.object({
  TABLE_NAME: z.string().min(1),
  STATE_MACHINE_ARN: z.string().min(1).optional(),
  SENDER_EMAIL: z.email().optional(),
  /** Base URL of the public web pages (tracking, survey), used in links sent to customers. */
  PUBLIC_WEB_URL: z.url().optional(),
  /** Base64 signing key, given directly (local runtime) … */
  TOKEN_SIGNING_KEY: z.string().min(1).optional(),
  /** … or the Secrets Manager secret holding it (AWS). */
  TOKEN_SIGNING_SECRET_ARN: z.string().min(1).optional(),
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
