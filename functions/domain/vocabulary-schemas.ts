import {
  CATEGORIES,
  CHANNELS,
  CONTACT_CHANNELS,
  CUSTOMER_TIERS,
  LOCALES,
  REJECTION_REASONS,
  REMEDIES,
  RESOLUTION_OUTCOMES,
  ROOT_CAUSES,
  CORRECTIVE_ACTION_STATUSES,
  SEVERITIES,
  URGENCIES,
} from './vocabulary.ts';
import * as z from './zod.ts';

/**
 * The zod enums of the shared vocabulary, for the schemas that validate it (intake words its own
 * messages). Marked pure, so that a Lambda bundle keeps, and builds at load, only those it uses.
 */
export const channelSchema = /* @__PURE__ */ z.enum(CHANNELS);
export const categorySchema = /* @__PURE__ */ z.enum(CATEGORIES);
export const severitySchema = /* @__PURE__ */ z.enum(SEVERITIES);
export const urgencySchema = /* @__PURE__ */ z.enum(URGENCIES);
export const customerTierSchema = /* @__PURE__ */ z.enum(CUSTOMER_TIERS);
export const remedySchema = /* @__PURE__ */ z.enum(REMEDIES);
export const rootCauseSchema = /* @__PURE__ */ z.enum(ROOT_CAUSES);
export const correctiveActionStatusSchema = /* @__PURE__ */ z.enum(CORRECTIVE_ACTION_STATUSES);
export const rejectionReasonSchema = /* @__PURE__ */ z.enum(REJECTION_REASONS);
export const resolutionOutcomeSchema = /* @__PURE__ */ z.enum(RESOLUTION_OUTCOMES);
export const contactChannelSchema = /* @__PURE__ */ z.enum(CONTACT_CHANNELS);
export const localeSchema = /* @__PURE__ */ z.enum(LOCALES);
export const departmentIdSchema = /* @__PURE__ */ z.string().check(z.regex(/^[a-z0-9-]+$/u));
