import { describe, expect, it } from 'vitest';
import { ACCESS_KINDS } from '../../../functions/domain/access-log.ts';
import { EVENT_TYPES } from '../../../functions/domain/audit-event.ts';
import { labelOf, labelsFor } from '../../../functions/domain/labels.ts';
import { STAFF_ROLES } from '../../../functions/domain/staff.ts';
import { CATEGORIES, CHANNELS, LOCALES, STATUSES } from '../../../functions/domain/vocabulary.ts';

describe('vocabulary labels', () => {
  it.each(LOCALES)('names every code in %s, none left as the code itself', (locale) => {
    const labels = labelsFor(locale);
    for (const [kind, codes] of [
      ['status', STATUSES],
      ['category', CATEGORIES],
      ['channel', CHANNELS],
      ['event', EVENT_TYPES],
      ['role', STAFF_ROLES],
      ['accessKind', ACCESS_KINDS],
    ] as const) {
      for (const code of codes) {
        const label = (labels[kind] as Record<string, string>)[code];
        expect(label, `${locale} ${kind} ${code}`).toBeTruthy();
        expect(label).not.toBe(code);
      }
    }
  });

  it('gives Chinese and English words that differ', () => {
    expect(labelOf('zh-CN', 'category', 'product-quality')).toBe('产品质量');
    expect(labelOf('en', 'category', 'product-quality')).toBe('Product quality');
  });

  it('shows an unknown code as itself and a missing one as a dash', () => {
    expect(labelOf('en', 'status', 'archived')).toBe('archived');
    expect(labelOf('en', 'status', undefined)).toBe('—');
    expect(labelOf('en', 'status', 'toString')).toBe('toString');
  });
});
