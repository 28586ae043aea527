import { toFieldErrors } from '../../../domain/field-errors.ts';
import { isTemplateAdmin, replyTemplateView, templateQuerySchema } from '../../../domain/reply-templates.ts';
import { listReplyTemplates } from '../../../app/list-reply-templates.ts';
import { replyTemplateStore } from '../../../adapters/reply-template-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse, problems } from '../../http/problem.ts';
import { forbidden, requireStaff } from '../../http/staff-auth.ts';

/** GET /v1/staff/templates — the active reply templates (admins: `status=all` adds retired ones). */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  const parsed = templateQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  if (parsed.data.status === 'all' && !isTemplateAdmin(principal))
    throw forbidden('Retired templates are listed for admins only.');
  const templates = await listReplyTemplates({ templates: replyTemplateStore }, parsed.data);
  return jsonResponse(200, { templates: templates.map(replyTemplateView) });
});
