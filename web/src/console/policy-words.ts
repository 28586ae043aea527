import { useConsoleLocale } from './console-locale.ts';
import { policyEn, type PolicyMessages } from './policy-messages-en.ts';
import { policyZhCN } from './policy-messages-zh-CN.ts';

/** The policy page's words in the console's language. */
export const policyWords = (locale: string): PolicyMessages => (locale === 'en' ? policyEn : policyZhCN);
export const usePolicyWords = (): PolicyMessages => policyWords(useConsoleLocale().locale);
