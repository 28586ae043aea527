import { randomUUID } from 'node:crypto';

/** A realistic intake body; `n` varies the text so no two requests are alike. */
export const intakeBody = (email: string, n = 0) => ({
  customer: { name: '王晓明', email, phone: '+86 138 0013 8000', locale: 'zh-CN' as const },
  subject: `电热水壶底部漏水 #${n}`,
  description: `使用第三天底部开始漏水，差点导致插座短路。希望尽快处理。订单 ${n}`,
  categoryHint: 'product-quality' as const,
  product: 'Kettle K-200',
  consent: { dataProcessing: true as const },
});

export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID()}@example.com`;
