import type { Locale, RejectionReason } from './vocabulary.ts';

/**
 * Words for the complainant where staff's labels (labels.ts) would be wrong to show them: why we do
 * not take a complaint up, told in neutral terms (staff read "malicious or false"; the customer reads
 * that it does not meet the conditions). Used by the rejection notice and the tracking page.
 */
export const CUSTOMER_REJECTION_REASON: Record<Locale, Record<RejectionReason, string>> = {
  'zh-CN': {
    invalid: '投诉内容不完整或不属于投诉受理范围',
    malicious: '该投诉不符合受理条件',
    'not-our-responsibility': '该问题不属于本公司的责任范围，建议您联系实际提供商品或服务的一方',
  },
  en: {
    invalid: 'the complaint is incomplete or is not something our complaints service handles',
    malicious: 'the complaint does not meet the conditions for acceptance',
    'not-our-responsibility':
      'the matter is not our responsibility; please contact whoever provided the product or service',
  },
};
