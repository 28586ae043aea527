import { readFile } from 'node:fs/promises';
import { createReplyTemplate } from '../functions/app/create-reply-template.ts';
import { replyTemplateStore } from '../functions/adapters/reply-template-repository.ts';
import { createTemplateSchema } from '../functions/domain/reply-templates.ts';
import { clock } from '../functions/adapters/clock.ts';
import { newId } from '../functions/adapters/events.ts';
import * as z from '../functions/domain/zod.ts';

const SEED_FILE = new URL('./reply-templates.json', import.meta.url);
const SEEDED_BY = 'local-seed';

/**
 * Gives a fresh local table a few reply templates in both languages (local/reply-templates.json),
 * through the same use case as POST /v1/staff/templates; a table with any template, retired ones
 * included, is left alone, so an admin's edits and retirements survive restarts. Returns how many.
 */
export const seedReplyTemplates = async (): Promise<number> => {
  if ((await replyTemplateStore.list(1)).length > 0) return 0;
  const seeds = z.array(createTemplateSchema).parse(JSON.parse(await readFile(SEED_FILE, 'utf8')));
  for (const seed of seeds) {
    await createReplyTemplate({ templates: replyTemplateStore, clock, ids: { newId } }, seed, {
      subject: SEEDED_BY,
      roles: ['admin'],
    });
  }
  return seeds.length;
};
