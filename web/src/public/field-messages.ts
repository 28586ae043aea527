import type { FieldError } from '../../../functions/domain/field-errors.ts';
import type { Locale } from '../../../functions/domain/vocabulary.ts';

/**
 * The intake schema's and the API's field errors in the page's language. The server and the shared
 * zod schema speak English (one message per rule, listed in functions/domain/intake-request.ts and
 * text.ts); the page recognises each rule by its message and says it in Chinese or English. A
 * message it does not know still gets a localized "check this field", never English on a Chinese page.
 */
type Say = Record<Locale, (limit: string) => string>;

const RULES: [RegExp, Say][] = [
  [
    /^must not be empty$|expected string, received undefined|^Required/u,
    { 'zh-CN': () => '此项为必填。', en: () => 'This field is required.' },
  ],
  [
    /^must be at least (\d+) characters$/u,
    { 'zh-CN': (n) => `至少需要 ${n} 个字。`, en: (n) => `Write at least ${n} characters.` },
  ],
  [
    /^must be at most (\d+) characters$/u,
    { 'zh-CN': (n) => `最多 ${n} 个字。`, en: (n) => `Use at most ${n} characters.` },
  ],
  [
    /^must not contain control characters$/u,
    { 'zh-CN': () => '含有无法识别的字符，请删除。', en: () => 'Remove the unusual characters.' },
  ],
  [/^must be a single line$/u, { 'zh-CN': () => '请写在一行内。', en: () => 'Keep it on one line.' }],
  [
    /^must be an email address$/u,
    {
      'zh-CN': () => '请输入有效的邮箱地址，例如 name@example.com。',
      en: () => 'Enter an email address such as name@example.com.',
    },
  ],
  [
    /phone number|5 to 20 digits/u,
    {
      'zh-CN': () => '请输入 5–20 位数字的电话号码（可含空格、-、括号和开头的 +）。',
      en: () => 'Enter a phone number of 5–20 digits (spaces, dashes, brackets and a leading + are fine).',
    },
  ],
  [
    /letters, digits or _#\/\.-/u,
    {
      'zh-CN': () => '订单号只能包含字母、数字和 _#/.-，最多 64 个字符。',
      en: () => 'Use 1–64 letters, digits or _#/.- for the order number.',
    },
  ],
  [
    /^must not be in the future$/u,
    { 'zh-CN': () => '发生时间不能晚于现在。', en: () => 'The time it happened cannot be in the future.' },
  ],
  [/date-time/u, { 'zh-CN': () => '请选择有效的日期和时间。', en: () => 'Choose a valid date and time.' }],
  [
    /consent/u,
    {
      'zh-CN': () => '请勾选同意，我们才能处理您的投诉。',
      en: () => 'Tick the box: we need your consent to handle the complaint.',
    },
  ],
  [/^must be one of/u, { 'zh-CN': () => '请从列表中选择。', en: () => 'Choose one of the options.' }],
];

const FALLBACK: Record<Locale, string> = { 'zh-CN': '请检查此项。', en: 'Please check this field.' };

/** One field error in the page's language. */
export const localizeFieldError = (locale: Locale, error: FieldError): string => {
  for (const [pattern, say] of RULES) {
    const match = pattern.exec(error.message);
    if (match) return say[locale](match[1] ?? '');
  }
  return FALLBACK[locale];
};

/** Field errors keyed by field path, the first per field, in the page's language. */
export const localizedErrorsByField = (
  locale: Locale,
  errors: readonly FieldError[],
): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const error of errors) result[error.field] ??= localizeFieldError(locale, error);
  return result;
};
