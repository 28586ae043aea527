import { TEMPLATE_PLACEHOLDERS, unknownPlaceholders } from './reply-template-fill.ts';
import type { StaffPrincipal, StaffRole } from './staff.ts';
import { text } from './text.ts';
import {
  CATEGORIES,
  TEMPLATE_PURPOSES,
  TEMPLATE_STATUSES,
  type Category,
  type Locale,
  type TemplatePurpose,
  type TemplateStatus,
} from './vocabulary.ts';
import { categorySchema, localeSchema } from './vocabulary-schemas.ts';
import * as z from './zod.ts';

/**
 * Reply templates (the knowledge base): wording for the staff forms that write to a customer
 * (request for information, contact, proposal, resolution), per category (or any) and language,
 * with placeholders filled from the case (domain/reply-template-fill.ts). Admins manage them; each
 * change is a new version (the earlier ones are kept), and retiring one stops offering it.
 */

/** Who manages the templates (routes.ts); every member of staff reads the active ones. */
export const TEMPLATE_ADMIN_ROLES: readonly StaffRole[] = ['admin'];

export const isTemplateAdmin = (principal: StaffPrincipal): boolean =>
  principal.roles.some((role) => TEMPLATE_ADMIN_ROLES.includes(role));

export const templateIdSchema = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/u, 'must be a template id'));

/** `any`: offered for every category. */
export const templateCategorySchema = z.union([categorySchema, z.literal('any')]);
export type TemplateCategory = Category | 'any';

/** A title or body may use only our placeholders: a typo would otherwise reach a customer unfilled. */
const withKnownPlaceholders = <T extends z.ZodMiniType<string, unknown>>(schema: T) =>
  schema.check(
    z.superRefine((value: string, ctx) => {
      for (const name of unknownPlaceholders(value)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {{${name}}}; use ${TEMPLATE_PLACEHOLDERS.map((known) => `{{${known}}}`).join(', ')}`,
          input: value,
        });
      }
    }),
  );

const templateFields = {
  category: templateCategorySchema,
  locale: localeSchema,
  purpose: z.enum(TEMPLATE_PURPOSES),
  title: withKnownPlaceholders(text({ max: 200 })),
  // A reply, not a letter; and it bounds the templates' partition (app/list-reply-templates.ts).
  body: withKnownPlaceholders(text({ max: 2000, multiline: true })),
};

/** POST /v1/staff/templates. */
export const createTemplateSchema = z.strictObject(templateFields);
export type CreateTemplate = z.output<typeof createTemplateSchema>;

/** PUT /v1/staff/templates/{id}: the whole template again, and the version it replaces. */
export const updateTemplateSchema = z.strictObject({
  ...templateFields,
  expectedVersion: z.int().check(z.positive()),
});
export type UpdateTemplate = z.output<typeof updateTemplateSchema>;

/** GET /v1/staff/templates query: every filter optional; `status=all` (admins) includes retired ones. */
export const templateQuerySchema = z.strictObject({
  category: z.optional(templateCategorySchema),
  purpose: z.optional(z.enum(TEMPLATE_PURPOSES)),
  locale: z.optional(localeSchema),
  status: z._default(z.enum(['active', 'all']), 'active'),
});
export type TemplateQuery = z.output<typeof templateQuerySchema>;

export interface ReplyTemplate {
  id: string;
  category: TemplateCategory;
  locale: Locale;
  purpose: TemplatePurpose;
  title: string;
  body: string;
  status: TemplateStatus;
  /** 1 when created; each update is the next version, the replaced one kept as it was. */
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  retiredAt?: string | undefined;
  retiredBy?: string | undefined;
}

/** The template as the API answers it (every member of staff may read the active ones). */
export const replyTemplateViewSchema = z.object({
  id: z.string(),
  category: templateCategorySchema,
  locale: localeSchema,
  purpose: z.enum(TEMPLATE_PURPOSES),
  title: z.string(),
  body: z.string(),
  status: z.enum(TEMPLATE_STATUSES),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  retiredAt: z.optional(z.string()),
});
export type ReplyTemplateView = z.output<typeof replyTemplateViewSchema>;

export const templateListSchema = z.object({ templates: z.array(replyTemplateViewSchema) });

export const replyTemplateView = (template: ReplyTemplate): ReplyTemplateView => ({
  id: template.id,
  category: template.category,
  locale: template.locale,
  purpose: template.purpose,
  title: template.title,
  body: template.body,
  status: template.status,
  version: template.version,
  createdAt: template.createdAt,
  updatedAt: template.updatedAt,
  updatedBy: template.updatedBy,
  ...(template.retiredAt === undefined ? {} : { retiredAt: template.retiredAt }),
});

export const newReplyTemplate = (id: string, body: CreateTemplate, by: string, now: Date): ReplyTemplate => ({
  id,
  ...body,
  status: 'active',
  version: 1,
  createdAt: now.toISOString(),
  createdBy: by,
  updatedAt: now.toISOString(),
  updatedBy: by,
});

/** Why a change is refused: the caller's copy is out of date, or the template is retired. */
export type TemplateRefusal = 'version-conflict' | 'retired';

/** The next version of a template, or why not. */
export const revisedTemplate = (
  template: ReplyTemplate,
  update: UpdateTemplate,
  by: string,
  now: Date,
): ReplyTemplate | TemplateRefusal => {
  if (template.status === 'retired') return 'retired';
  if (template.version !== update.expectedVersion) return 'version-conflict';
  const { expectedVersion: _expected, ...fields } = update;
  return {
    ...template,
    ...fields,
    version: template.version + 1,
    updatedAt: now.toISOString(),
    updatedBy: by,
  };
};

/** The template retired (a new version, so the change is kept like any other); retiring twice changes nothing. */
export const retiredTemplate = (template: ReplyTemplate, by: string, now: Date): ReplyTemplate =>
  template.status === 'retired'
    ? template
    : {
        ...template,
        status: 'retired',
        version: template.version + 1,
        updatedAt: now.toISOString(),
        updatedBy: by,
        retiredAt: now.toISOString(),
        retiredBy: by,
      };

/**
 * The templates a form offers, or a listing's filters: a category filter also matches templates
 * for any category (a product-quality case is offered the general ones too), after the category's own;
 * then by title.
 */
export const matchingTemplates = <
  T extends Pick<ReplyTemplate, 'category' | 'purpose' | 'locale' | 'status' | 'title'>,
>(
  templates: readonly T[],
  query: Partial<Omit<TemplateQuery, 'status'>> & { status?: 'active' | 'all' },
): T[] =>
  templates
    .filter(
      (template) =>
        (query.status === 'all' || template.status === 'active') &&
        (query.category === undefined ||
          template.category === query.category ||
          template.category === 'any') &&
        (query.purpose === undefined || template.purpose === query.purpose) &&
        (query.locale === undefined || template.locale === query.locale),
    )
    .sort(
      (a, b) =>
        Number(a.category === 'any') - Number(b.category === 'any') ||
        a.title.localeCompare(b.title, 'zh-CN'),
    );

/** Every category a template may name, for forms. */
export const TEMPLATE_CATEGORIES: readonly TemplateCategory[] = ['any', ...CATEGORIES];
