import { toFieldErrors } from '../../../domain/field-errors.ts';
import {
  replyTemplateView,
  templateIdSchema,
  updateTemplateSchema,
} from '../../../domain/reply-templates.ts';
import { updateReplyTemplate } from '../../../app/update-reply-template.ts';
import { clock } from '../../../adapters/clock.ts';
import { replyTemplateStore } from '../../../adapters/reply-template-repository.ts';
import { httpHandler } from '../../http/middleware.ts';
import { HttpProblem, jsonResponse, problems } from '../../http/problem.ts';
import { requireStaff } from '../../http/staff-auth.ts';
import { requireTemplateAdmin, templateNotFound } from './template-problems.ts';

/** PUT /v1/staff/templates/{id} — an admin replaces a template's wording: its next version. */
export const handler = httpHandler({ jsonBody: { maxBytes: 32 * 1024 } }, async (event) => {
  const principal = requireStaff(event);
  requireTemplateAdmin(principal);
  const id = templateIdSchema.safeParse(event.pathParameters?.id);
  if (!id.success) throw templateNotFound();
  const parsed = updateTemplateSchema.safeParse(event.body);
  if (!parsed.success) throw problems.validation(toFieldErrors(parsed.error));
  const outcome = await updateReplyTemplate(
    { templates: replyTemplateStore, clock },
    id.data,
    parsed.data,
    principal,
  );
  switch (outcome.kind) {
    case 'updated':
      return jsonResponse(200, replyTemplateView(outcome.template));
    case 'not-found':
      throw templateNotFound();
    case 'retired':
      throw new HttpProblem({
        type: '/problems/template-retired',
        title: 'The template is retired',
        status: 409,
        detail: 'A retired template is kept as it was; create a new one.',
      });
    case 'version-conflict':
      throw new HttpProblem({
        type: '/problems/stale-version',
        title: 'The template changed since you loaded it',
        status: 409,
        detail: `expectedVersion does not match the current version ${outcome.currentVersion}; reload and try again.`,
      });
  }
});
