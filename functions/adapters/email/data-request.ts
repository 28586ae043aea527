import type { DataRequestKind, DataSubjectRequest, ErasureBlock } from '../../domain/data-subject-request.ts';
import type { Locale } from '../../domain/vocabulary.ts';
import { composeEmail, type EmailBlock } from './compose.ts';
import { formatInstant } from './format.ts';
import type { EmailContent } from './mailer.ts';

const KIND: Record<Locale, Record<DataRequestKind, string>> = {
  'zh-CN': { export: '获取您的个人信息副本', erasure: '删除您的个人信息' },
  en: { export: 'a copy of your personal data', erasure: 'the erasure of your personal data' },
};

/** Why a complaint's data was kept, in words for the customer. */
const KEPT_BECAUSE: Record<Locale, Record<ErasureBlock, string>> = {
  'zh-CN': {
    'legal-hold': '因法律程序需要（法律保全），依法须暂时保留',
    'open-complaint': '投诉尚未办结，处理完毕前需要保留；办结后您可再次申请删除',
  },
  en: {
    'legal-hold': 'kept while a legal proceeding requires it (legal hold)',
    'open-complaint': 'still being handled and needed until it is closed; ask again once it is closed',
  },
};

const signOff = (zh: boolean): EmailBlock => ({
  kind: 'paragraph',
  text: zh ? '客户服务中心' : 'Customer Service',
});

/** Confirm the request: whoever asked, only the owner of the address can make it. */
export const dataRequestConfirmationEmail = (
  locale: Locale,
  kind: DataRequestKind,
  link: string,
  expiresAt: Date,
  timeZone: string,
): EmailContent => {
  const zh = locale === 'zh-CN';
  const until = formatInstant(expiresAt.toISOString(), locale, timeZone);
  return composeEmail(locale, zh ? '请确认您的个人信息申请' : 'Please confirm your personal data request', [
    { kind: 'paragraph', text: zh ? '您好：' : 'Hello,' },
    {
      kind: 'paragraph',
      text: zh
        ? `我们收到了${KIND[locale][kind]}的申请，涉及以本邮箱提交的全部投诉。请点击下方链接确认，确认后申请才会生效。`
        : `We received a request for ${KIND[locale][kind]}, covering every complaint filed with this address. It takes effect only once you confirm it below.`,
    },
    {
      kind: 'link',
      intro: zh
        ? `确认链接（${until} 前有效，请勿转发）：`
        : `Confirmation link (valid until ${until}; please do not share it):`,
      label: zh ? '确认申请' : 'Confirm the request',
      url: link,
    },
    {
      kind: 'small',
      text: zh
        ? '如果不是您本人申请，请忽略此邮件，不会有任何变化。'
        : 'If you did not ask for this, ignore this email: nothing will change.',
    },
    signOff(zh),
  ]);
};

/** The outcome of a request: the export's link, what was erased and kept, or the refusal. */
export const dataRequestOutcomeEmail = (
  request: DataSubjectRequest,
  downloadLink: string | undefined,
  timeZone: string,
): EmailContent => {
  const locale = request.locale;
  const zh = locale === 'zh-CN';
  const blocks: EmailBlock[] = [{ kind: 'paragraph', text: zh ? '您好：' : 'Hello,' }];
  if (request.status === 'refused') {
    blocks.push({
      kind: 'paragraph',
      text: zh
        ? `很抱歉，我们无法办理您${KIND[locale][request.kind]}的申请。原因：${request.refusal?.reason ?? ''}`
        : `We are sorry: we cannot carry out your request for ${KIND[locale][request.kind]}. The reason: ${request.refusal?.reason ?? ''}`,
    });
  } else if (request.kind === 'export' && downloadLink && request.export) {
    const until = formatInstant(request.export.linkExpiresAt, locale, timeZone);
    blocks.push(
      {
        kind: 'paragraph',
        text: zh
          ? `您的个人信息副本已生成：共 ${request.export.complaints} 件投诉、${request.export.files} 个文件（JSON 格式）。`
          : `The copy of your personal data is ready: ${request.export.complaints} complaint(s) and ${request.export.files} file(s), as JSON.`,
      },
      {
        kind: 'link',
        intro: zh
          ? `下载链接（${until} 前有效，请勿转发）：`
          : `Download link (valid until ${until}; please do not share it):`,
        label: zh ? '下载副本' : 'Download the copy',
        url: downloadLink,
      },
    );
  } else if (request.erasure) {
    const { erased, kept } = request.erasure;
    blocks.push({
      kind: 'paragraph',
      text: zh
        ? erased.length > 0
          ? `已删除以下投诉中的个人信息：${erased.join('、')}。`
          : '本次未删除任何投诉中的个人信息。'
        : erased.length > 0
          ? `We erased your personal data from these complaints: ${erased.join(', ')}.`
          : 'No personal data could be erased this time.',
    });
    if (kept.length > 0) {
      blocks.push({
        kind: 'facts',
        rows: kept.map(({ reference, reason }) => [reference, KEPT_BECAUSE[locale][reason]]),
      });
    }
  }
  blocks.push(signOff(zh));
  return composeEmail(
    locale,
    zh
      ? `您的个人信息申请：${request.status === 'refused' ? '未能办理' : '处理结果'}`
      : 'Your personal data request: the outcome',
    blocks,
  );
};
