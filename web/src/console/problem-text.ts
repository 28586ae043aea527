import type { Problem } from '../../../functions/api/http/problem.ts';
import type { Locale } from '../../../functions/domain/vocabulary.ts';
import type { ConsoleMessages } from './messages-en.ts';

/** Who reads the message: their language and the console's words in it. */
interface Reader {
  locale: Locale;
  t: ConsoleMessages;
}

/**
 * What a refused request means, in the reader's language. The API's titles are English; the console
 * maps by status (and the allowed actions a 422 lists) instead of showing them.
 */
export const problemText = (problem: Problem, { t }: Reader): string => {
  const p = t.problems;
  switch (problem.status) {
    case 0:
      return p.network;
    case 400:
      return p.invalid;
    case 401:
      return p.unauthorized;
    case 403:
      return p.forbidden;
    case 404:
      return p.notFound;
    case 409:
      return p.conflict;
    case 422:
      // A rule of the case (an approval to wait for, an approved offer to keep to): the API's reason.
      if (problem.type === '/problems/precondition-failed') return p.precondition(problem.detail ?? '');
      return problem.allowed
        ? p.notAllowed(problem.allowed.map((type) => t.composer.actions[type] ?? type).join('、') || t.none)
        : p.invalid;
    case 429:
      return p.tooMany;
    default:
      return problem.status >= 500 ? p.server : p.other(problem.status);
  }
};

/** The API words field errors in English; Chinese readers get the common ones in Chinese. */
const ZH_FIELD_ERRORS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^must not be empty|^Invalid input: expected \w+, received undefined/u, () => '此项为必填项'],
  [/^must be a single line/u, () => '只能填写一行'],
  [/^must not contain control characters/u, () => '含有不允许的字符'],
  [/at least (\d+) characters|>=(\d+) characters/u, (m) => `至少 ${m[1] ?? m[2]} 个字`],
  [/at most (\d+) characters|<=(\d+) characters/u, (m) => `最多 ${m[1] ?? m[2]} 个字`],
  [/^Invalid option|^must be one of/u, () => '请从列表中选择'],
  [/a phone number or an email address is required/u, () => '电话和邮箱至少填一项'],
  [/phone number|5 to 20 digits/u, () => '请输入 5–20 位数字的电话号码（可含空格、-、括号和开头的 +）'],
  [/^must be an email address/u, () => '请输入有效的邮箱地址，例如 name@example.com'],
  [/^must not be in the future/u, () => '不能晚于现在'],
  [/consent to processing is required/u, () => '须经客户同意才能登记'],
  [/is required for a third-party complaint/u, () => '第三方转办须填写转办方'],
  [/partly resolved complaint needs nextSteps/u, () => '部分解决时必须填写后续安排及其完成期限'],
  [/date-?time/iu, () => '日期时间格式不正确'],
];

export const fieldErrorText = (message: string, { locale }: Reader): string => {
  if (locale === 'en') return message;
  for (const [pattern, text] of ZH_FIELD_ERRORS) {
    const match = pattern.exec(message);
    if (match) return text(match);
  }
  return `填写有误（${message}）`;
};
