import { toFieldErrors, type FieldError } from './field-errors.ts';
import { checkPolicy, type Policy } from './policy.ts';
import type { StaffPrincipal, StaffRole } from './staff.ts';
import { text } from './text.ts';
import * as z from './zod.ts';

/**
 * The complaint policy as numbered versions (issue 20): administrators replace it through the API,
 * each replacement is the next version with who, when and why, and the functions pick the active one
 * up within POLICY_REFRESH_SECONDS (adapters/policy-source.ts). Version 1 is the seed: the policy file
 * shipped with the functions (policy/complaint-policy.json), used while the table holds no version.
 *
 * A version's number is not the document's own `version` field, which is the policy format (always 1).
 */

/** Who may read the policy and its history (managers read-only), and who may replace it. */
export const POLICY_READ_ROLES = ['manager', 'admin'] as const satisfies readonly StaffRole[];
export const POLICY_ADMIN_ROLES = ['admin'] as const satisfies readonly StaffRole[];

export const canReadPolicy = (principal: StaffPrincipal): boolean =>
  principal.roles.some((role) => (POLICY_READ_ROLES as readonly StaffRole[]).includes(role));
export const canChangePolicy = (principal: StaffPrincipal): boolean =>
  principal.roles.some((role) => (POLICY_ADMIN_ROLES as readonly StaffRole[]).includes(role));

/** The version number of the seed, the policy file, until a replacement stores it as such. */
export const SEED_POLICY_VERSION = 1;

/** How many earlier versions the admin view lists, newest first (a few changes a month). */
export const POLICY_HISTORY_LIMIT = 50;

/** Who made a version and why; `createdAt`/`createdBy` are null for the seed until it is stored. */
export interface PolicyVersionInfo {
  version: number;
  createdAt: string | null;
  createdBy: string | null;
  reason: string;
}

export interface PolicyVersion extends PolicyVersionInfo {
  policy: Policy;
}

/** The seed as the admin view shows it while the table holds no version. */
export const seedPolicyVersion = (policy: Policy): PolicyVersion => ({
  version: SEED_POLICY_VERSION,
  createdAt: null,
  createdBy: null,
  reason: 'Seed: the policy file shipped with the functions',
  policy,
});

export const policyVersionSchema = z.int().check(z.gte(1), z.lte(999_999));

const versionInfoFields = {
  version: z.number(),
  /** Null for the seed (version 1) while it is the policy file, not yet a stored version. */
  createdAt: z.nullable(z.string()),
  /** The staff member's subject (the identity provider's id); null for the unstored seed. */
  createdBy: z.nullable(z.string()),
  reason: z.string(),
};

export const policyVersionInfoSchema = z.object(versionInfoFields);

/** GET /v1/staff/admin/policy/versions/{version}, and the answer of a PUT: one whole version. */
export const policyVersionViewSchema = z.object({
  ...versionInfoFields,
  /** The policy document, defaults filled in (policy/complaint-policy.json has the same shape). */
  policy: z.record(z.string(), z.unknown()),
});
export type PolicyVersionView = z.output<typeof policyVersionViewSchema>;

/** GET /v1/staff/admin/policy: the active version, and the versions before it, newest first. */
export const policyAdminViewSchema = z.object({
  active: policyVersionViewSchema,
  history: z.array(policyVersionInfoSchema),
});
export type PolicyAdminView = z.output<typeof policyAdminViewSchema>;

/** PUT /v1/staff/admin/policy: the whole new policy, why, and the version it replaces. */
export const changePolicySchema = z.strictObject({
  policy: z.record(z.string(), z.unknown()),
  reason: text({ max: 500 }),
  expectedVersion: policyVersionSchema,
});
export type ChangePolicyRequest = z.output<typeof changePolicySchema>;

export const policyVersionView = (version: PolicyVersion): PolicyVersionView => ({
  version: version.version,
  createdAt: version.createdAt,
  createdBy: version.createdBy,
  reason: version.reason,
  policy: version.policy,
});

export const policyVersionInfo = (version: PolicyVersionInfo): PolicyVersionInfo => ({
  version: version.version,
  createdAt: version.createdAt,
  createdBy: version.createdBy,
  reason: version.reason,
});

/**
 * The change as requested, or every problem with it: the request's fields and each problem of the
 * policy document, with its path under `policy.` (e.g. `policy.sla.bySeverity.L1.firstResponse`), so
 * an administrator sees all of them at once.
 */
export const checkPolicyChange = (
  body: unknown,
):
  | { kind: 'valid'; change: Omit<ChangePolicyRequest, 'policy'> & { policy: Policy } }
  | { kind: 'invalid'; errors: FieldError[] } => {
  const request = changePolicySchema.safeParse(body);
  const document = typeof body === 'object' && body !== null && 'policy' in body ? body.policy : undefined;
  const policy = document === undefined ? undefined : checkPolicy(document);
  const errors = [
    // The document's own problems are listed below, each by its path.
    ...(request.success
      ? []
      : toFieldErrors(request.error).filter(
          (error) => !(error.field === 'policy' && policy !== undefined && !policy.success),
        )),
    ...(policy === undefined || policy.success
      ? []
      : toFieldErrors(policy.error).map((error) => ({
          field: error.field === '(body)' ? 'policy' : `policy.${error.field}`,
          message: error.message,
        }))),
  ];
  if (errors.length > 0 || !request.success || !policy?.success) return { kind: 'invalid', errors };
  return { kind: 'valid', change: { ...request.data, policy: policy.data } };
};

export type PolicyChangeDecision =
  { kind: 'next'; version: PolicyVersion } | { kind: 'version-conflict'; activeVersion: number };

/** The next version, made by `by` at `now`, if the change replaces the active version; else a conflict. */
export const nextPolicyVersion = (
  active: Pick<PolicyVersionInfo, 'version'>,
  change: { policy: Policy; reason: string; expectedVersion: number },
  by: string,
  now: Date,
): PolicyChangeDecision =>
  change.expectedVersion !== active.version
    ? { kind: 'version-conflict', activeVersion: active.version }
    : {
        kind: 'next',
        version: {
          version: active.version + 1,
          createdAt: now.toISOString(),
          createdBy: by,
          reason: change.reason,
          policy: change.policy,
        },
      };
