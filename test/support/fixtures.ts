/** A valid intake body in Chinese, as a real complainant would write it. */
export const chineseComplaint = (overrides: Record<string, unknown> = {}) => ({
  customer: {
    name: '王晓明',
    email: 'wang.xiaoming@example.com',
    phone: '+86 138 0013 8000',
    locale: 'zh-CN',
  },
  subject: '购买的电热水壶底部漏水',
  description:
    '我于本月5日在贵公司官方网店购买了一台电热水壶，使用第三天底部开始漏水，差点导致插座短路。希望尽快处理。',
  categoryHint: 'product-quality',
  product: '电热水壶 KS-1800',
  orderRef: 'JD-20261105-8812',
  incidentAt: '2026-11-08T09:30:00+08:00',
  desiredOutcome: '更换新产品或全额退款',
  consent: { dataProcessing: true },
  ...overrides,
});

export const englishComplaint = (overrides: Record<string, unknown> = {}) => ({
  customer: { name: 'Alice Smith', email: 'alice@example.com', locale: 'en' },
  subject: 'Parcel arrived damaged',
  description: 'The box was crushed and the glass bottle inside was broken when the courier handed it over.',
  categoryHint: 'logistics',
  consent: { dataProcessing: true },
  ...overrides,
});
