import { describe, expect, it } from 'vitest';
import { MAX_MAIL_TEXT, sentMailRecord, withoutAccessTokens } from '../../../functions/domain/sent-mail.ts';

describe('sent mail', () => {
  it('keeps every word of the mail but not the tokens of its links', () => {
    const text = [
      '查看进度：https://example.com/track/?id=01ARZ3NDEKTSV4RRFFQ69G5FAV#token=abc.def-ghi',
      'Survey: https://example.com/survey/?t=eyJ.sig&opt-out=1',
      'https://example.com/v1/surveys/eyJ.sig/opt-out',
    ].join('\n');
    expect(withoutAccessTokens(text)).toBe(
      [
        '查看进度：https://example.com/track/?id=01ARZ3NDEKTSV4RRFFQ69G5FAV#token=…',
        'Survey: https://example.com/survey/?t=…&opt-out=1',
        'https://example.com/v1/surveys/…/opt-out',
      ].join('\n'),
    );
  });

  it('bounds the text it keeps and says so', () => {
    const base = {
      id: 'M1',
      mailKind: 'survey',
      sentAt: '2026-12-28T02:00:00.000Z',
      subject: 's',
      messageId: 'x',
    };
    expect(sentMailRecord({ ...base, text: 'short' })).toMatchObject({ text: 'short', truncated: false });
    const long = sentMailRecord({ ...base, text: '字'.repeat(MAX_MAIL_TEXT + 1) });
    expect(long.text).toHaveLength(MAX_MAIL_TEXT);
    expect(long.truncated).toBe(true);
  });
});
