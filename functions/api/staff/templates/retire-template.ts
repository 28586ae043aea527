import { replyTemplateView, templateIdSchema } from '../../../domain/reply-templates.ts';
import { retireReplyTemplate } from '../../../app/retire-reply-template.ts';
import { clock } from '../../../adapters/clock.ts';
import { replyTemplateStore } from '../../../adapters/reply-template-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { jsonResponse } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { requireTemplateAdmin, templateNotFound } from './template-problems.ts';

/** POST /v1/staff/templates/{id}/retire — an admin stops offering a template (kept, with its versions). */
export const handler = httpHandler(async (event) => {
  const principal = requireStaff(event);
  requireTemplateAdmin(principal);
  const id = templateIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw templateNotFound();
  const retired = await retireReplyTemplate({ templates: replyTemplateStore, clock }, id.data, principal);
  if (!retired) throw templateNotFound();
  return jsonResponse(200, replyTemplateView(retired));
});
