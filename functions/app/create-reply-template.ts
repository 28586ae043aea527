import { newReplyTemplate, type CreateTemplate, type ReplyTemplate } from '../domain/reply-templates.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import { MAX_REPLY_TEMPLATES } from './list-reply-templates.ts';
import type { Clock, IdSource, ReplyTemplateStore } from './ports.ts';

export type CreatedReplyTemplate = { kind: 'created'; template: ReplyTemplate } | { kind: 'too-many' };

/** An admin adds a reply template: version 1, offered at once; refused beyond MAX_REPLY_TEMPLATES. */
export const createReplyTemplate = async (
  deps: { templates: ReplyTemplateStore; clock: Clock; ids: IdSource },
  body: CreateTemplate,
  principal: StaffPrincipal,
): Promise<CreatedReplyTemplate> => {
  if ((await deps.templates.list(MAX_REPLY_TEMPLATES)).length >= MAX_REPLY_TEMPLATES)
    return { kind: 'too-many' };
  const now = deps.clock.now();
  const template = newReplyTemplate(deps.ids.newId(now), body, principal.subject, now);
  await deps.templates.create(template);
  return { kind: 'created', template };
};
