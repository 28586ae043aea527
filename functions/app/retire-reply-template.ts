import { retiredTemplate, type ReplyTemplate } from '../domain/reply-templates.ts';
import type { StaffPrincipal } from '../domain/staff.ts';
import type { Clock, ReplyTemplateStore } from './ports.ts';
import { retry } from './retry.ts';

class TemplateChanged extends Error {
  override name = 'TemplateChanged';
}

const RETIRE_RETRY = { attempts: 5, baseDelayMs: 20, maxDelayMs: 200, withinMs: 2000 };

/**
 * An admin retires a template: no longer offered, kept with its versions. Retiring needs no
 * expected version (whatever the wording, it goes), so a concurrent edit is simply read again.
 * Undefined when no template has this id.
 */
export const retireReplyTemplate = (
  deps: { templates: ReplyTemplateStore; clock: Clock },
  id: string,
  principal: StaffPrincipal,
): Promise<ReplyTemplate | undefined> =>
  retry(
    RETIRE_RETRY,
    (error) => error instanceof TemplateChanged,
    async () => {
      const template = await deps.templates.get(id);
      if (!template) return undefined;
      const retired = retiredTemplate(template, principal.subject, deps.clock.now());
      if (retired === template) return template;
      if ((await deps.templates.replace(template, retired)) === 'conflict')
        throw new TemplateChanged(`Template ${id} changed while retiring it`);
      return retired;
    },
  );
