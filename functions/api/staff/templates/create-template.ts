import { toFieldErrors } from '../../../domain/field-errors.ts';
import { createTemplateSchema, replyTemplateView } from '../../../domain/reply-templates.ts';
import { createReplyTemplate } from '../../../app/create-reply-template.ts';
import { MAX_REPLY_TEMPLATES } from '../../../app/list-reply-templates.ts';
import { clock } from '../../../adapters/clock.ts';
import { newId } from '../../../adapters/events.ts';
import { replyTemplateStore } from '../../../adapters/reply-template-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { requireTemplateAdmin } from './template-problems.ts';

/** POST /v1/staff/templates — an admin adds a reply template (version 1). */
export const handler = httpHandler({ jsonBody: { maxBytes: 32 * 1024 } }, async (event) => {
  const principal = requireStaff(event);
  requireTemplateAdmin(principal);
  const parsed = createTemplateSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const created = await createReplyTemplate(
    { templates: replyTemplateStore, clock, ids: { newId } },
    parsed.data,
    principal,
  );
  if (created.kind === 'too-many')
    throw new HttpProblem({
      type: '/problems/too-many-templates',
      title: 'Too many reply templates',
      status: 422,
      detail: `At most ${MAX_REPLY_TEMPLATES} templates are kept, retired ones included; edit an existing one instead.`,
    });
  return jsonResponse(201, replyTemplateView(created.template));
});
