import { labelOf } from './labels.ts';
import type { Locale, Remedy } from './vocabulary.ts';

/**
 * Filling a reply template (domain/reply-templates.ts) for one complaint. Apart from the schemas so
 * that the console, which fills templates as the agent picks one, loads no zod for it.
 */

/** The placeholders a template may use, each filled from the complaint (or the form's remedy). */
export const TEMPLATE_PLACEHOLDERS = ['customerName', 'reference', 'dueDate', 'remedy'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** `{{name}}`, spaces inside the braces allowed; a name of word characters. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z0-9_]*)\s*\}\}/gu;

/** The placeholder names `text` uses that are not ours, in order of appearance, each once. */
export const unknownPlaceholders = (text: string): string[] => {
  const known: readonly string[] = TEMPLATE_PLACEHOLDERS;
  const names = [...text.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1] ?? '');
  return [...new Set(names.filter((name) => !known.includes(name)))];
};

/**
 * What a template is filled from: the stored complaint and the console's case view both have it.
 * `dueAt` is the resolution deadline (the formal reply the customer was promised).
 */
export interface TemplateSubject {
  reference: string;
  customer: { name: string };
  dueAt?: string | null | undefined;
  /** The remedy chosen in the form (proposal, resolution), else the case's own. */
  remedy?: Remedy | null | undefined;
}

/** A date in the customer's words, on the calendar of the policy's time zone (not the server's). */
export const formatDueDate = (dueAt: string, timeZone: string, locale: Locale): string =>
  new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(dueAt));

/**
 * The template's text with its placeholders filled. A placeholder without a value (no deadline, no
 * remedy yet) is left as written, so the agent sees what to complete before sending.
 */
export const fillTemplate = (
  template: { body: string },
  subject: TemplateSubject,
  calendar: { timeZone: string },
  locale: Locale,
): string => {
  const values: Record<TemplatePlaceholder, string | undefined> = {
    customerName: subject.customer.name,
    reference: subject.reference,
    dueDate: subject.dueAt ? formatDueDate(subject.dueAt, calendar.timeZone, locale) : undefined,
    remedy: subject.remedy ? labelOf(locale, 'remedy', subject.remedy) : undefined,
  };
  return template.body.replace(PLACEHOLDER_PATTERN, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name as TemplatePlaceholder] ?? whole) : whole,
  );
};
