import { describe, expect, it } from 'vitest';
import { exportUrl, joinCsvPages, nextPageUrl } from '../../../web/src/console/csv-export.ts';

describe('console CSV download', () => {
  it('asks for the export in the console language', () => {
    const url = new URL(exportUrl('https://api.example.com', '2026-11-01', '2026-11-30', 'en'));
    expect(url.pathname).toBe('/v1/staff/reports/complaints.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      lang: 'en',
    });
    expect(new URL(exportUrl('', 'a', 'b', 'zh-CN'), 'http://x').searchParams.get('lang')).toBe('zh-CN');
  });

  it('follows the next link of a page, relative to the API', () => {
    expect(
      nextPageUrl(
        '</v1/staff/reports/complaints.csv?from=a&to=b&cursor=xyz>; rel="next"',
        'https://api.example.com',
      ),
    ).toBe('https://api.example.com/v1/staff/reports/complaints.csv?from=a&to=b&cursor=xyz');
    expect(nextPageUrl(null, 'https://api.example.com')).toBeUndefined();
    expect(nextPageUrl('</x>; rel="prev"', 'https://api.example.com')).toBeUndefined();
  });

  it('joins pages into one file: one byte order mark, one header row, every row', () => {
    const header = '编号,主题\r\n';
    const pages = [
      `\uFEFF${header}A,"漏水\r\n第二行"\r\nB,二\r\n`,
      `${header}C,三\r\n`, // Response.text() dropped this page's byte order mark
      `\uFEFF${header}`,
    ];
    expect(joinCsvPages(pages)).toBe(`\uFEFF${header}A,"漏水\r\n第二行"\r\nB,二\r\nC,三\r\n`);
    expect(joinCsvPages([`${header}A,一\r\n`])).toBe(`\uFEFF${header}A,一\r\n`);
  });
});
