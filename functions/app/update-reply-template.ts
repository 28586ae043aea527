import { revisedTemplate, type ReplyTemplate, type UpdateTemplate } from '../domain/reply-templates.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { Clock, ReplyTemplateStore } from './ports.ts';

export type UpdatedReplyTemplate =
  | { kind: 'updated'; template: ReplyTemplate }
  | { kind: 'not-found' }
  | { kind: 'retired' }
  | { kind: 'version-conflict'; currentVersion: number };

/**
 * An admin replaces a template's wording: the next version, the replaced one kept. The caller names
 * the version they edited; another admin's change in between is a conflict, never overwritten.
 */
export const updateReplyTemplate = async (
  deps: { templates: ReplyTemplateStore; clock: Clock },
  id: string,
  update: UpdateTemplate,
  principal: StaffPrincipal,
): Promise<UpdatedReplyTemplate> => {
  const template = await deps.templates.get(id);
  if (!template) return { kind: 'not-found' };
  const next = revisedTemplate(template, update, principal.subject, deps.clock.now());
  if (next === 'retired') return { kind: 'retired' };
  if (next === 'version-conflict') return { kind: 'version-conflict', currentVersion: template.version };
  if ((await deps.templates.replace(template, next)) === 'conflict') {
    const current = await deps.templates.get(id);
    return { kind: 'version-conflict', currentVersion: current?.version ?? template.version };
  }
  return { kind: 'updated', template: next };
};
