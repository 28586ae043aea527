import { describe, expect, it } from 'vitest';
import { fillTemplate, unknownPlaceholders } from '../../../functions/domain/reply-template-fill.ts';
import {
  createTemplateSchema,
  matchingTemplates,
  newReplyTemplate,
  retiredTemplate,
  revisedTemplate,
  updateTemplateSchema,
} from '../../../functions/domain/reply-templates.ts';
import { toFieldErrors } from '../../../functions/domain/field-errors.ts';

const now = new Date('2026-11-26T10:00:00Z');
const created = newReplyTemplate(
  '01JDQ0000000000000000000T1',
  createTemplateSchema.parse({
    category: 'logistics',
    locale: 'zh-CN',
    purpose: 'proposal',
    title: '物流延误处理方案',
    body: '尊敬的{{customerName}}：关于您的投诉（编号{{ reference }}），我们建议{{remedy}}，并将于{{dueDate}}前答复。',
  }),
  'admin-1',
  now,
);
// 2026-12-03T17:30Z is already 4 December in Shanghai: the date must be the policy's, not UTC's.
const subject = {
  reference: 'CMP-2026-000123',
  customer: { name: '王芳' },
  dueAt: '2026-12-03T17:30:00Z',
  remedy: 'refund' as const,
};

describe('reply templates', () => {
  it('fills every placeholder, the due date on the policy calendar and the remedy as a label', () => {
    expect(fillTemplate(created, subject, { timeZone: 'Asia/Shanghai' }, 'zh-CN')).toBe(
      '尊敬的王芳：关于您的投诉（编号CMP-2026-000123），我们建议退款，并将于2026年12月4日前答复。',
    );
    expect(
      fillTemplate(
        { body: 'Dear {{customerName}}, {{remedy}} by {{dueDate}}.' },
        subject,
        { timeZone: 'Europe/London' },
        'en',
      ),
    ).toBe('Dear 王芳, Refund by 3 December 2026.');
  });

  it('leaves a placeholder without a value as written, for the agent to complete', () => {
    expect(
      fillTemplate(
        created,
        { ...subject, dueAt: null, remedy: undefined },
        { timeZone: 'Asia/Shanghai' },
        'zh-CN',
      ),
    ).toContain('我们建议{{remedy}}，并将于{{dueDate}}前答复');
  });

  it('refuses unknown placeholders with the field that has them', () => {
    const result = createTemplateSchema.safeParse({
      category: 'any',
      locale: 'en',
      purpose: 'contact',
      title: 'Hello {{firstName}}',
      body: 'Your case {{reference}}, order {{orderNo}} and {{ orderNo }}.',
    });
    expect(result.success).toBe(false);
    expect(toFieldErrors(result.error!).map((error) => [error.field, error.message.split(';')[0]])).toEqual([
      ['title', 'unknown placeholder {{firstName}}'],
      ['body', 'unknown placeholder {{orderNo}}'],
    ]);
    expect(unknownPlaceholders('{{}} {{customerName}}')).toEqual(['']);
  });

  it('makes each update a new version and refuses a stale or retired one', () => {
    const update = updateTemplateSchema.parse({
      category: 'any',
      locale: 'zh-CN',
      purpose: 'proposal',
      title: '通用处理方案',
      body: '{{customerName}}，您好。',
      expectedVersion: 1,
    });
    const second = revisedTemplate(created, update, 'admin-2', new Date('2026-11-27T00:00:00Z'));
    expect(second).toMatchObject({
      version: 2,
      title: '通用处理方案',
      updatedBy: 'admin-2',
      createdBy: 'admin-1',
    });
    expect(revisedTemplate(created, { ...update, expectedVersion: 2 }, 'admin-2', now)).toBe(
      'version-conflict',
    );
    const retired = retiredTemplate(created, 'admin-2', now);
    expect(retired).toMatchObject({ status: 'retired', version: 2, retiredBy: 'admin-2' });
    expect(retiredTemplate(retired, 'admin-3', now)).toBe(retired);
    expect(revisedTemplate(retired, { ...update, expectedVersion: 2 }, 'admin-2', now)).toBe('retired');
  });

  it('offers active templates of the case category or of any, in the language asked for', () => {
    const general = { ...created, id: 'g', category: 'any' as const, title: 'A 通用' };
    const english = { ...created, id: 'e', locale: 'en' as const };
    const other = { ...created, id: 'o', category: 'price-dispute' as const };
    const retired = retiredTemplate({ ...created, id: 'r' }, 'admin', now);
    const all = [created, general, english, other, retired];
    const ids = (query: Parameters<typeof matchingTemplates>[1]) =>
      matchingTemplates(all, query).map((template) => template.id);
    expect(ids({ category: 'logistics', locale: 'zh-CN', purpose: 'proposal' })).toEqual([created.id, 'g']);
    expect(ids({ locale: 'en' })).toEqual(['e']);
    expect(ids({ category: 'logistics', status: 'all' })).toContain('r');
    expect(ids({ purpose: 'contact' })).toEqual([]);
  });
});
