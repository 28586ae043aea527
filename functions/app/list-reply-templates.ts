import { matchingTemplates, type ReplyTemplate, type TemplateQuery } from '../domain/reply-templates.ts';
import type { ReplyTemplateStore } from './ports.ts';

/**
 * At most this many templates (retired ones included) are stored, so that one Query page lists them
 * all: 150 × a 2,000-character body in Chinese (3 bytes a character, ~6 KB an item) is ~0.9 MB,
 * within DynamoDB's 1 MB page. Creating one more is refused (create-reply-template.ts).
 */
export const MAX_REPLY_TEMPLATES = 150;

/** The templates matching a listing's filters (a category includes those for any category). */
export const listReplyTemplates = async (
  deps: { templates: ReplyTemplateStore },
  query: TemplateQuery,
): Promise<ReplyTemplate[]> => matchingTemplates(await deps.templates.list(MAX_REPLY_TEMPLATES), query);
