import type { Locale } from '../../../functions/domain/vocabulary.ts';

const BYTE_ORDER_MARK = '\uFEFF';

/** The first page of the complaints export, its headers and cells in the console's language. */
export const exportUrl = (base: string, from: string, to: string, lang: Locale): string =>
  `${base}/v1/staff/reports/complaints.csv?${new URLSearchParams({ from, to, lang })}`;

/** The next page of a paged response, from its `Link: <…>; rel="next"` header (RFC 8288). */
export const nextPageUrl = (link: string | null, base: string): string | undefined => {
  const target = /<([^>]*)>\s*;\s*rel="?next"?/u.exec(link ?? '')?.[1];
  return target === undefined ? undefined : new URL(target, base).toString();
};

/**
 * The pages of the complaints export as one file. Every page is a whole CSV (byte order mark, header
 * row); the file keeps the first page's and only the rows of the others. `Response.text()` may or
 * may not have dropped the byte order mark; the file always starts with one, so Excel reads UTF-8.
 */
export const joinCsvPages = (pages: readonly string[]): string => {
  const bodies = pages.map((page) => (page.startsWith(BYTE_ORDER_MARK) ? page.slice(1) : page));
  // The header row holds no quoted line breaks, so it ends at the first CRLF.
  const rows = bodies.map((body, index) => (index === 0 ? body : body.slice(body.indexOf('\r\n') + 2)));
  return BYTE_ORDER_MARK + rows.join('');
};
